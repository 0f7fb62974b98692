using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Silo.Caching;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// A tenant's listing of one type (id → ETag) as this silo last read it, kept under the type's
/// <see cref="ChangeStamps">change stamp</see> read before the listing: while the stamp stays the same no entity of
/// the type was written, and a report or a sync run reuses the listing instead of listing the type again.
/// </summary>
/// <remarks>
/// Bounded by bytes (<see cref="KeptEntriesOptions.ReadinessListingBytes"/>): when full, what was not used lately is
/// dropped, and read again from the store; a listing heavier than half of it is not kept.
/// </remarks>
public sealed class KeptListings(ITenantConfiguration configuration, ChangeStamps stamps, IOptions<KeptEntriesOptions> options) : ISyncListings
{
    private readonly BoundedMap<(string TenantId, string Type), Kept> _kept = new(options.Value.ReadinessListingBytes, weightOf: kept => kept.Weight);

    /// <summary>The bytes the kept listings weigh now (at most <see cref="KeptEntriesOptions.ReadinessListingBytes"/>).</summary>
    public long KeptBytes => _kept.Held;

    /// <summary>Every entity of the type, id → ETag, as of at most <see cref="ChangeStamps.MaxAge"/> ago (treat as read-only).</summary>
    public async Task<Dictionary<string, string>> GetAsync(TenantLocation tenant, string type) =>
        await GetAsync(tenant, type, await stamps.CurrentAsync(tenant, type));

    /// <summary>
    /// As of now (the stamp read from the store, not a reading up to <see cref="ChangeStamps.MaxAge"/> old): a sync run's
    /// listing, so that a run never acts on a listing from before its start. A run that changes nothing lists nothing.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> ListVersionsAsync(TenantLocation tenant, string type) =>
        await GetAsync(tenant, type, await stamps.ReadNowAsync(tenant, type));

    private async Task<Dictionary<string, string>> GetAsync(TenantLocation tenant, string type, string stamp)
    {
        var key = (tenant.TenantId, type);
        if (_kept.TryGetValue(key, out var kept) && kept.Stamp == stamp)
        {
            return kept.Versions;
        }

        var versions = await configuration.ListVersionsAsync(tenant, type);
        _kept.Set(key, new Kept(stamp, versions, HeapSizes.Capped(WeightOf(versions))));
        return versions;
    }

    /// <summary>What a listing takes on the heap with its slot in a map: its table, ids and versions (also a kept set's listing, <see cref="KeptFacts"/>).</summary>
    public static long WeightOf(IReadOnlyDictionary<string, string> versions)
    {
        var weight = (long)HeapSizes.DictionarySlot + HeapSizes.Table;
        foreach (var (id, etag) in versions)
        {
            weight += HeapSizes.DictionaryEntry + HeapSizes.Of(id) + HeapSizes.Of(etag);
        }

        return weight;
    }

    /// <summary>A listing under the stamp read before it, with what it weighs (counted once, when it is read).</summary>
    private sealed record Kept(string Stamp, Dictionary<string, string> Versions, int Weight);
}
