using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// Executes a started run on this silo, outside the sync grain's turn (ARCHITECTURE §2.5): the
/// grain stays free to answer status and history reads, and the worker reports back to it.
/// </summary>
public interface ISyncWorker
{
    /// <summary>Begins executing <paramref name="runId"/> in the background and returns at once.</summary>
    void Start(string pairId, string runId, SyncTrigger trigger);
}
