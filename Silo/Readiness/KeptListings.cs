using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Caching;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// A tenant's listing of one type (id → ETag) as this silo last read it, kept under the type's
/// <see cref="ChangeStamps">change stamp</see> read before the listing: while the stamp stays the same no entity of
/// the type was written, and a report reuses the listing instead of listing the type again.
/// </summary>
/// <remarks>Bounded by the entities it holds: when it reaches its capacity what was not used lately is dropped, and read again from the store.</remarks>
public sealed class KeptListings(ITenantConfiguration configuration, ChangeStamps stamps)
{
    /// <summary>Listed entities kept at most, over all tenants and types.</summary>
    private const int Capacity = 2_000_000;

    private readonly BoundedMap<(string TenantId, string Type), (string Stamp, Dictionary<string, string> Versions)> _kept =
        new(Capacity, weightOf: kept => kept.Versions.Count);

    /// <summary>Every entity of the type, id → ETag, as of at most <see cref="ChangeStamps.MaxAge"/> ago (treat as read-only).</summary>
    public async Task<Dictionary<string, string>> GetAsync(TenantLocation tenant, string type)
    {
        var key = (tenant.TenantId, type);
        var stamp = await stamps.CurrentAsync(tenant, type);
        if (_kept.TryGetValue(key, out var kept) && kept.Stamp == stamp)
        {
            return kept.Versions;
        }

        var versions = await configuration.ListVersionsAsync(tenant, type);
        _kept.Set(key, (stamp, versions));
        return versions;
    }
}
