using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Correlations;
using Orleans.Bcp.Silo.Caching;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// A pair's correlations of one type as this silo last loaded them, bucket by bucket with each bucket's version:
/// a report asks every bucket for its version and is sent only the buckets that changed, so after a sync a poll
/// copies no correlation at all instead of all of them.
/// </summary>
/// <remarks>
/// A pair and type not kept is read from the control store without activating its bucket grains (at the versions the
/// grains would answer), so checking thousands of pairs once, as a storm of switches does, leaves no activations behind;
/// only a pair checked again, as one watched is, asks its grains what changed.
/// Bounded by bytes (<see cref="KeptEntriesOptions.ReadinessCorrelationBytes"/>): when full, what was not used lately is
/// dropped, and loaded again from the grains; a pair's type heavier than half of it is not kept.
/// </remarks>
public sealed class KeptCorrelations(IGrainFactory grains, StoredGrainState stored, IOptions<KeptEntriesOptions> options)
{
    // One correlation: the record (header and five references), its node in the bucket's immutable list (header, value,
    // two children, height and count) and its entry in the table by primary id.
    private const int CorrelationOverhead = 56 + 48 + HeapSizes.DictionaryEntry;

    private readonly BoundedMap<(string PairId, string Type), Kept> _kept = new(options.Value.ReadinessCorrelationBytes, weightOf: kept => kept.Weight);

    /// <summary>The bytes the kept correlations weigh now (at most <see cref="KeptEntriesOptions.ReadinessCorrelationBytes"/>).</summary>
    public long KeptBytes => _kept.Held;

    /// <summary>The pair's correlations of <paramref name="type"/> by primary id, as they are now (treat as read-only).</summary>
    public async Task<Dictionary<string, Correlation>> GetAsync(string pairId, string type)
    {
        var key = (pairId, type);
        _kept.TryGetValue(key, out var kept);
        var answers = await Task.WhenAll(Enumerable.Range(0, CorrelationBuckets.Count).Select(bucket => kept is null
            ? stored.CorrelationBucketAsync(CorrelationBuckets.Key(pairId, type, bucket))
            : grains.GetGrain<IEntityGrain>(CorrelationBuckets.Key(pairId, type, bucket)).GetIfChangedAsync(kept.Buckets[bucket].Version)));
        if (kept is not null && answers.All(answer => answer.Correlations is null))
        {
            return kept.ByPrimaryId;
        }

        var buckets = answers.Select((answer, bucket) => answer.Correlations is null ? kept!.Buckets[bucket] : answer).ToArray();
        var byPrimaryId = buckets.SelectMany(bucket => bucket.Correlations!).ToDictionary(c => c.PrimaryId, StringComparer.Ordinal);
        _kept.Set(key, new Kept(buckets, byPrimaryId));
        return byPrimaryId;
    }

    private static int WeightOf(Dictionary<string, Correlation> byPrimaryId)
    {
        var weight = (long)HeapSizes.DictionarySlot + HeapSizes.Table + (CorrelationBuckets.Count * (HeapSizes.ObjectHeader + 32 + 8));
        foreach (var correlation in byPrimaryId.Values)
        {
            weight += CorrelationOverhead + HeapSizes.Of(correlation.PrimaryId) + HeapSizes.Of(correlation.BcpId)
                + HeapSizes.Of(correlation.PrimaryETag) + HeapSizes.Of(correlation.ContentHash) + HeapSizes.Of(correlation.BcpETag);
        }

        return HeapSizes.Capped(weight);
    }

    /// <summary>A pair's correlations of one type by bucket and by primary id, with what they weigh (counted once, when loaded).</summary>
    private sealed record Kept(CorrelationBucket[] Buckets, Dictionary<string, Correlation> ByPrimaryId)
    {
        public int Weight { get; } = WeightOf(ByPrimaryId);
    }
}
