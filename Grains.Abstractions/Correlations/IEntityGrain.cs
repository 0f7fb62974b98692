using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Correlations;

/// <summary>
/// The correlations of one bucket of one entity type of one pair. Key: <c>{pairId}/{type}/{bucket}</c>
/// (see <c>CorrelationBuckets</c> for why entities are bucketed).
/// </summary>
[Alias("bcp.IEntityGrain")]
public interface IEntityGrain : IGrainWithStringKey
{
    /// <summary>Every correlation in the bucket.</summary>
    [Alias("GetAllAsync")]
    Task<ImmutableList<Correlation>> GetAllAsync();

    /// <summary>The bucket's version, with every correlation unless <paramref name="knownVersion"/> is that version.</summary>
    [Alias("GetIfChangedAsync")]
    Task<CorrelationBucket> GetIfChangedAsync(string? knownVersion);

    /// <summary>Adds or replaces <paramref name="upserts"/> and removes <paramref name="removals"/> (primary ids) in one write.</summary>
    [Alias("ApplyAsync")]
    Task ApplyAsync(ImmutableList<Correlation> upserts, ImmutableList<string> removals);
}
