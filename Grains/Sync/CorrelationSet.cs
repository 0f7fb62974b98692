using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Correlations;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// All correlations of one type of one pair, loaded from its buckets once per run; changes are
/// written back bucket by bucket, one write per touched bucket.
/// </summary>
public sealed class CorrelationSet
{
    private readonly IGrainFactory _grains;
    private readonly string _pairId;
    private readonly string _type;

    private CorrelationSet(IGrainFactory grains, string pairId, string type, Dictionary<string, Correlation> byPrimaryId)
    {
        _grains = grains;
        _pairId = pairId;
        _type = type;
        ByPrimaryId = byPrimaryId;
    }

    public Dictionary<string, Correlation> ByPrimaryId { get; }

    public static async Task<CorrelationSet> LoadAsync(IGrainFactory grains, string pairId, string type)
    {
        var buckets = await Task.WhenAll(Enumerable.Range(0, CorrelationBuckets.Count)
            .Select(bucket => grains.GetGrain<IEntityGrain>(CorrelationBuckets.Key(pairId, type, bucket)).GetAllAsync()));
        var byPrimaryId = buckets.SelectMany(bucket => bucket).ToDictionary(correlation => correlation.PrimaryId, StringComparer.Ordinal);
        return new CorrelationSet(grains, pairId, type, byPrimaryId);
    }

    /// <summary>The BCP id of a completed correlation, or null.</summary>
    public string? BcpIdOf(string primaryId) =>
        ByPrimaryId.TryGetValue(primaryId, out var correlation) && correlation.IsComplete ? correlation.BcpId : null;

    public async Task ApplyAsync(IReadOnlyCollection<Correlation> upserts, IReadOnlyCollection<string> removals)
    {
        // Each id's bucket is worked out once (not once per touched bucket: an initial run passes a whole type).
        var upsertsOf = upserts.ToLookup(c => CorrelationBuckets.Of(c.PrimaryId));
        var removalsOf = removals.ToLookup(CorrelationBuckets.Of);
        var touched = upsertsOf.Select(group => group.Key).Union(removalsOf.Select(group => group.Key));
        await Task.WhenAll(touched.Select(bucket => _grains
            .GetGrain<IEntityGrain>(CorrelationBuckets.Key(_pairId, _type, bucket))
            .ApplyAsync([.. upsertsOf[bucket]], [.. removalsOf[bucket]])));
        foreach (var correlation in upserts)
        {
            ByPrimaryId[correlation.PrimaryId] = correlation;
        }

        foreach (var primaryId in removals)
        {
            ByPrimaryId.Remove(primaryId);
        }
    }
}
