using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Correlations;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Grains.Tenants;
using Orleans.Storage;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// A pair's or tenant's state as its grain last wrote it, read from the control store through the same grain
/// storage the grain uses (so in the same layout, on either profile), for a silo whose hot path needs it while
/// the grain's silo is unreachable. The grain writes before it replies, so what is stored is what it answers,
/// and nothing changes it until the grain comes back.
/// </summary>
public sealed class StoredGrainState(IGrainFactory grains, [FromKeyedServices(StorageNames.Control)] IGrainStorage storage, TimeProvider timeProvider)
{
    // The state names of TenantPairGrain's, TenantGrain's and EntityGrain's [PersistentState]
    // (Grains/Pairs/TenantPairGrain.cs, Grains/Tenants/TenantGrain.cs, Grains/Correlations/EntityGrain.cs).
    private const string PairStateName = "pair";
    private const string TenantStateName = "tenant";
    private const string CorrelationsStateName = "correlations";

    /// <summary>The pair's status as stored (null when it does not exist).</summary>
    public async Task<PairStatus?> PairAsync(string pairId)
    {
        var state = await ReadAsync<TenantPairState>(PairStateName, grains.GetGrain<ITenantPairGrain>(pairId).GetGrainId());
        return state?.ToStatus(pairId, timeProvider.GetUtcNow());
    }

    /// <summary>The tenant as stored (null when it does not exist).</summary>
    public async Task<TenantInfo?> TenantAsync(string tenantId)
    {
        var state = await ReadAsync<TenantState>(TenantStateName, grains.GetGrain<ITenantGrain>(tenantId).GetGrainId());
        return state?.ToInfo(tenantId);
    }

    /// <summary>The correlation of <paramref name="primaryId"/> in the bucket <paramref name="bucketKey"/> as stored, or null.</summary>
    public async Task<Correlation?> CorrelationAsync(string bucketKey, string primaryId)
    {
        var state = await ReadAsync<EntityState>(CorrelationsStateName, grains.GetGrain<IEntityGrain>(bucketKey).GetGrainId());
        return state?.ByPrimaryId.GetValueOrDefault(primaryId);
    }

    /// <summary>
    /// The bucket <paramref name="bucketKey"/> as stored, at the version its grain would answer (the stored state's ETag;
    /// none for a bucket never written), read without activating the grain.
    /// </summary>
    public async Task<CorrelationBucket> CorrelationBucketAsync(string bucketKey)
    {
        var state = await ReadStateAsync<EntityState>(CorrelationsStateName, grains.GetGrain<IEntityGrain>(bucketKey).GetGrainId());
        return new CorrelationBucket(state.ETag ?? string.Empty, state.RecordExists && state.State is { } bucket ? [.. bucket.ByPrimaryId.Values] : []);
    }

    private async Task<T?> ReadAsync<T>(string stateName, GrainId grainId)
        where T : class
    {
        var state = await ReadStateAsync<T>(stateName, grainId);
        return state.RecordExists ? state.State : null;
    }

    private async Task<GrainState<T>> ReadStateAsync<T>(string stateName, GrainId grainId)
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grainId, state);
        return state;
    }
}
