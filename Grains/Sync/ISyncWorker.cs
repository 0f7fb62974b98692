using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// Executes a started run on this silo, outside the sync grain's turn (docs/architecture.md): the
/// grain stays free to answer status and history reads, and the worker reports back to it.
/// </summary>
public interface ISyncWorker
{
    /// <summary>Begins executing the run in the background and returns at once; the run writes only while <paramref name="run"/> is current.</summary>
    void Start(string pairId, SyncRunToken run, SyncTrigger trigger);
}
