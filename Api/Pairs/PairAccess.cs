using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// A pair is visible to the users of its two tenants and to operators. For anyone else it does
/// not exist (404, not 403), so pair ids cannot be probed.
/// </summary>
internal static class PairAccess
{
    /// <summary>The pair's status as this silo keeps it (pushed by the pair grain, ADR 0004), when the caller may see it.</summary>
    public static async Task<PairStatus?> FindVisibleAsync(PairStateCache pairs, string pairId, Caller caller)
    {
        if (!Ids.IsWellFormed(pairId))
        {
            return null;
        }

        var status = await pairs.PairAsync(pairId);
        return status is not null && IsVisible(status, caller) ? status : null;
    }

    public static bool IsVisible(PairStatus status, Caller caller) =>
        caller.Has(Permissions.Setup) || caller.TenantId == status.Primary.TenantId || caller.TenantId == status.Bcp.TenantId;
}
