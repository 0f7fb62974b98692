using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Sync;

/// <summary>
/// Why a run failed, as the run report, its audit entry and its <c>sync.failed</c> event say it: a stable code and a
/// message written for it. Exception messages stay in the node's log: they can carry storage URIs and key layout,
/// and every user of either tenant reads the reports.
/// </summary>
public static class SyncFailures
{
    public const string StoreUnavailable = "store-unavailable";
    public const string RunError = "run-error";

    public static (string Code, string Message) Of(Exception exception) => exception switch
    {
        PrimaryUnreadableException => (PrimaryUnreadableException.Code,
            "The primary tenant's configuration could not be listed from its region's store; nothing was written or deleted. The next run tries again."),
        StoreUnavailableException => (StoreUnavailable, "A store the run reads or writes was unreachable. The next run carries on where this one stopped."),
        _ => (RunError, "The run stopped on an unexpected error; the node's log has the details under the run's id. The next run tries again."),
    };
}
