using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Correlations;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// A pair's correlations of one type as this silo last loaded them, bucket by bucket with each bucket's version:
/// a report asks every bucket for its version and is sent only the buckets that changed, so after a sync a poll
/// copies no correlation at all instead of all of them.
/// </summary>
/// <remarks>Bounded by the entities it holds: when it reaches its capacity what was not used lately is dropped, and loaded again from the grains.</remarks>
public sealed class KeptCorrelations(IGrainFactory grains)
{
    /// <summary>Correlations kept at most, over all pairs and types.</summary>
    private const int Capacity = 2_000_000;

    private readonly BoundedMap<(string PairId, string Type), Kept> _kept = new(Capacity, weightOf: kept => kept.ByPrimaryId.Count);

    /// <summary>The pair's correlations of <paramref name="type"/> by primary id, as they are now (treat as read-only).</summary>
    public async Task<Dictionary<string, Correlation>> GetAsync(string pairId, string type)
    {
        var key = (pairId, type);
        _kept.TryGetValue(key, out var kept);
        var answers = await Task.WhenAll(Enumerable.Range(0, CorrelationBuckets.Count).Select(bucket =>
            grains.GetGrain<IEntityGrain>(CorrelationBuckets.Key(pairId, type, bucket)).GetIfChangedAsync(kept?.Buckets[bucket].Version)));
        if (kept is not null && answers.All(answer => answer.Correlations is null))
        {
            return kept.ByPrimaryId;
        }

        var buckets = answers.Select((answer, bucket) => answer.Correlations is null ? kept!.Buckets[bucket] : answer).ToArray();
        var byPrimaryId = buckets.SelectMany(bucket => bucket.Correlations!).ToDictionary(c => c.PrimaryId, StringComparer.Ordinal);
        _kept.Set(key, new Kept(buckets, byPrimaryId));
        return byPrimaryId;
    }

    private sealed record Kept(CorrelationBucket[] Buckets, Dictionary<string, Correlation> ByPrimaryId);
}
