using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Correlations;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Correlations;

/// <summary>
/// Finds the synced BCP copy of a primary entity through the pair's correlations. The hot paths use it while the BCP
/// side serves, which is when a node may have just died: a correlation bucket whose grain does not answer within
/// <see cref="PairStateCache.UnreachableAfter"/> is read from the control store, where the grain wrote it before it
/// ever answered with it.
/// </summary>
public sealed class BcpCopies(ITenantConfiguration configuration, IGrainFactory grains, StoredGrainState stored, TimeProvider timeProvider)
{
    /// <summary>The BCP id of a primary entity, or null when it was never (completely) synced.</summary>
    public async Task<string?> BcpIdOfAsync(string pairId, string type, string primaryId)
    {
        var key = CorrelationBuckets.Key(pairId, type, CorrelationBuckets.Of(primaryId));
        Correlation? correlation;
        try
        {
            var bucket = await grains.GetGrain<IEntityGrain>(key).GetAllAsync().WaitAsync(PairStateCache.UnreachableAfter, timeProvider);
            correlation = bucket.FirstOrDefault(c => c.PrimaryId == primaryId);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or OrleansMessageRejectionException or TimeoutException)
        {
            // The bucket's silo is unreachable (or slow to say so): the stored bucket is what the grain would answer.
            correlation = await stored.CorrelationAsync(key, primaryId);
        }

        return correlation is { IsComplete: true } ? correlation.BcpId : null;
    }

    /// <summary>The BCP copy of a primary entity, read from the BCP tenant's store, or null.</summary>
    public async Task<EntityDocument?> FindAsync(PairStatus pair, string type, string primaryId) =>
        await BcpIdOfAsync(pair.PairId, type, primaryId) is { } bcpId
            ? await configuration.GetAsync(new TenantLocation(pair.Bcp.TenantId, pair.Bcp.Region), type, bcpId)
            : null;
}
