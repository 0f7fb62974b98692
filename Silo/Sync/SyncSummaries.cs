using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Sync;

/// <summary>
/// The sync part of a pair's status (settings, newest run), kept on this silo for at most
/// <see cref="MaxAge"/>: the status read is the hottest authenticated read, and a grain call per
/// request for a part that changes a few times a day costs it a third of its throughput.
/// Run progress and history are read from the grain itself.
/// </summary>
public sealed class SyncSummaries(IGrainFactory grains, TimeProvider timeProvider)
{
    /// <summary>How old a kept summary may be when it is answered.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private const int Capacity = 100_000;

    private readonly BoundedMap<string, (SyncSummary Summary, long ReadAt)> _kept = new(Capacity, StringComparer.Ordinal);

    public async ValueTask<SyncSummary> GetAsync(string pairId)
    {
        if (_kept.TryGetValue(pairId, out var kept) && timeProvider.GetElapsedTime(kept.ReadAt) < MaxAge)
        {
            return kept.Summary;
        }

        var readAt = timeProvider.GetTimestamp();
        var summary = await grains.GetGrain<ISyncReminderGrain>(pairId).GetSummaryAsync();
        _kept.Set(pairId, (summary, readAt));
        return summary;
    }

    /// <summary>Drops what this silo kept of a pair, after it changed the pair's sync itself.</summary>
    public void Forget(string pairId) => _kept.TryRemove(pairId);
}
