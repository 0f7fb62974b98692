using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Correlations;

namespace Orleans.Bcp.Silo.Correlations;

/// <summary>Finds the synced BCP copy of a primary entity through the pair's correlations.</summary>
public sealed class BcpCopies(ITenantConfiguration configuration, IGrainFactory grains)
{
    /// <summary>The BCP id of a primary entity, or null when it was never (completely) synced.</summary>
    public async Task<string?> BcpIdOfAsync(string pairId, string type, string primaryId)
    {
        var bucket = grains.GetGrain<IEntityGrain>(CorrelationBuckets.Key(pairId, type, CorrelationBuckets.Of(primaryId)));
        var correlation = (await bucket.GetAllAsync()).FirstOrDefault(c => c.PrimaryId == primaryId);
        return correlation is { IsComplete: true } ? correlation.BcpId : null;
    }

    /// <summary>The BCP copy of a primary entity, read from the BCP tenant's store, or null.</summary>
    public async Task<EntityDocument?> FindAsync(PairStatus pair, string type, string primaryId) =>
        await BcpIdOfAsync(pair.PairId, type, primaryId) is { } bcpId
            ? await configuration.GetAsync(new TenantLocation(pair.Bcp.TenantId, pair.Bcp.Region), type, bcpId)
            : null;
}
