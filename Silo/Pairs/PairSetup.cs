using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Search;

namespace Orleans.Bcp.Silo.Pairs;

/// <summary>
/// Sets a pair up across three grains: claim both tenants, then create the pair. A claim whose pair
/// was never created (a crash in between) expires, so no tenant is stuck (see TenantGrain).
/// </summary>
public sealed partial class PairSetup(IGrainFactory grains, PairStateCache pairs, NameDirectory directory, ILogger<PairSetup> logger)
{
    /// <summary>How long the setup waits for every silo to take the new pair before answering anyway.</summary>
    public static readonly TimeSpan NoticeTimeout = TimeSpan.FromSeconds(2);

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
        await directory.AddPairAsync(pairId, created!.Status.Primary, created.Status.Bcp);
        // This silo's hot paths see the new pair at once (tenants it kept as unpaired are read again).
        pairs.Created(created!.Status);
        await TellEverySiloAsync(created.Status);
        return new(PairSetupOutcome.Created, created);
    }

    /// <summary>
    /// Every silo forgets the id as absent (a read of it just before the setup) and its tenants as unpaired. A silo
    /// not reached (dying) still sees the pair once its answers reach the backstop age (PairStateOptions.MaxAge).
    /// </summary>
    private async Task TellEverySiloAsync(PairStatus status)
    {
        try
        {
            await PairCreatedNotice.TellAllAsync(grains, status).WaitAsync(NoticeTimeout);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogNoticeLost(ex, status.PairId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pair {PairId} was set up, but not every silo could be told; they see it within PairState:MaxAge")]
    private partial void LogNoticeLost(Exception exception, string pairId);
}
