using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// A pair is visible to the users of its two tenants and to operators. For anyone else it does
/// not exist (404, not 403), so pair ids cannot be probed. A tenant belongs to at most one pair, so a
/// tenant's user is answered from the tenant first: any other id is 404 without looking the pair up.
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

        if (!caller.Has(Permissions.Setup) && !await IsOwnPairAsync(pairs, pairId, caller))
        {
            return null;
        }

        var status = await pairs.FindAsync(pairId);
        return status is not null && IsVisible(status, caller) ? status : null;
    }

    /// <summary>Whether the caller's tenant names <paramref name="pairId"/> as its pair (kept tenants are told of a setup at once).</summary>
    private static async Task<bool> IsOwnPairAsync(PairStateCache pairs, string pairId, Caller caller) =>
        Ids.IsWellFormed(caller.TenantId) && (await pairs.TenantAsync(caller.TenantId))?.PairId == pairId;

    public static bool IsVisible(PairStatus status, Caller caller) =>
        caller.Has(Permissions.Setup) || caller.TenantId == status.Primary.TenantId || caller.TenantId == status.Bcp.TenantId;
}
