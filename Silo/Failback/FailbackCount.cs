using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Readiness;

namespace Orleans.Bcp.Silo.Failback;

/// <summary>
/// The one figure a return to the primary names: how many BCP changes its first sync overwrites or deletes, counted as
/// <see cref="FailbackService"/> counts them but from what this node keeps — each side's listings re-read only when the
/// type's change stamp moved (<see cref="KeptListings"/>), the correlations only when their version moved
/// (<see cref="KeptCorrelations"/>) — and without naming each change, so a return costs no full report. A type's count is
/// kept while its correlations and listings are the instances it was counted from (<see cref="KeptChecks"/>).
/// </summary>
public sealed class FailbackCount(KeptListings listings, KeptCorrelations correlations, KeptChecks kept, IOptions<ReadinessOptions> options)
{
    /// <summary>The count, or null when the correlations or the BCP tenant's listing cannot be read in time.</summary>
    public async Task<int?> OverwritesBcpChangesAsync(PairStatus pair)
    {
        var timeout = options.Value.ReadTimeout;
        var primary = new TenantLocation(pair.Primary.TenantId, pair.Primary.Region);
        var bcp = new TenantLocation(pair.Bcp.TenantId, pair.Bcp.Region);
        var types = EntityTypes.InSyncOrder.Select(type => type.Name).ToList();
        var correlatedTask = BoundedRead.RunAsync(() => FailbackService.ByTypeAsync(types, type => correlations.GetAsync(pair.PairId, type)), timeout, "The correlations");
        var bcpTask = BoundedRead.RunAsync(() => FailbackService.ByTypeAsync(types, type => listings.GetAsync(bcp, type)), timeout, "The BCP tenant's store");
        var primaryTask = BoundedRead.RunAsync(() => FailbackService.ByTypeAsync(types, type => listings.GetAsync(primary, type)), timeout, "The primary tenant's store");
        await Task.WhenAll(correlatedTask, bcpTask, primaryTask);
        if (correlatedTask.Result.Value is not { } correlated || bcpTask.Result.Value is not { } bcpListing)
        {
            return null;
        }

        // An unreadable primary counts as the report counts it: every changed copy is taken as overwritten.
        var primaryListing = primaryTask.Result.Value;
        return types.Sum(type => kept.Get(pair.PairId, $"failback-count/{type}", [correlated[type], bcpListing[type], primaryListing?[type]], () =>
            FailbackService.BcpChanges(type, correlated[type], bcpListing[type], primaryListing?[type])
                .Count(change => change.SyncWill is FailbackSyncWill.Overwrite or FailbackSyncWill.Delete)));
    }
}
