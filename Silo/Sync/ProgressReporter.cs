using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Sync;

namespace Orleans.Bcp.Silo.Sync;

/// <summary>
/// Sends a running run's progress to its sync grain when it has moved since the last report: the
/// engine counts every entity in memory, the grain hears about it a few times a second at most.
/// </summary>
internal sealed class ProgressReporter(ISyncReminderGrain sync, string runId, SyncProgress progress)
{
    private long _reported = -1;

    public async Task ReportAsync()
    {
        var version = progress.Version;
        if (Interlocked.Exchange(ref _reported, version) == version)
        {
            return;
        }

        try
        {
            await sync.ReportProgressAsync(runId, progress.Snapshot());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Progress is advisory: the next report, or the run's end, carries it.
            Interlocked.Exchange(ref _reported, -1);
        }
    }
}
