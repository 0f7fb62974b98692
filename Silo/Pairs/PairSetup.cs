using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Pairs;

/// <summary>
/// Sets a pair up across three grains: claim both tenants, then create the pair. A claim whose pair
/// was never created (a crash in between) expires, so no tenant is stuck (see TenantGrain).
/// </summary>
public sealed class PairSetup(IGrainFactory grains, PairStateCache pairs)
{
    public async Task<PairSetupResult> CreateAsync(string pairId, string primaryTenantId, string bcpTenantId, Actor actor)
    {
        var primaryGrain = grains.GetGrain<ITenantGrain>(primaryTenantId);
        var bcpGrain = grains.GetGrain<ITenantGrain>(bcpTenantId);
        var primary = await primaryGrain.GetAsync();
        var bcp = await bcpGrain.GetAsync();
        if (primary is null || bcp is null)
        {
            return new(PairSetupOutcome.TenantNotFound, TenantId: primary is null ? primaryTenantId : bcpTenantId);
        }

        if (primary.Region == bcp.Region)
        {
            return new(PairSetupOutcome.SameRegion, Region: primary.Region);
        }

        if (await primaryGrain.ClaimAsync(pairId, PairRole.Primary) != ClaimOutcome.Claimed)
        {
            return new(PairSetupOutcome.TenantAlreadyPaired, TenantId: primary.TenantId);
        }

        if (await bcpGrain.ClaimAsync(pairId, PairRole.Bcp) != ClaimOutcome.Claimed)
        {
            await primaryGrain.ReleaseClaimAsync(pairId);
            return new(PairSetupOutcome.TenantAlreadyPaired, TenantId: bcp.TenantId);
        }

        var created = await grains.GetGrain<ITenantPairGrain>(pairId).CreateAsync(
            new TenantRef(primary.TenantId, primary.Name, primary.Region),
            new TenantRef(bcp.TenantId, bcp.Name, bcp.Region),
            actor);
        // This silo's hot paths see the new pair at once (tenants it kept as unpaired are read again).
        pairs.Remember(created!.Status);
        return new(PairSetupOutcome.Created, created);
    }
}
