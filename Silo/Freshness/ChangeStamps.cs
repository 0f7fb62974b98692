using System.Collections.Concurrent;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// A stamp per tenant and entity type that changes whenever an entity of that type is written, so
/// readers can keep what they read for as long as the stamp stays the same: the hot read paths keep
/// users and points of contact, the readiness report keeps each type's listing of ids and ETags.
/// </summary>
/// <remarks>
/// The stamp is the ETag of a small object next to the tenant's configuration in its regional
/// store. A write is acknowledged only after its bump, and a silo trusts a stamp it read for at most
/// <see cref="MaxAge"/>; so once a write returns, every silo sees the change within that bound, and
/// the silo that wrote it at once (its bump drops its own reading).
/// </remarks>
public sealed class ChangeStamps(IObjectStoreProvider stores, TimeProvider timeProvider)
{
    /// <summary>How long a stamp read from the store is trusted (with the pair state's own re-read, inside the product's one-second bound: docs/api.md).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<(string TenantId, string Type), StampBump> _bumps = new();
    private readonly ConcurrentDictionary<(string TenantId, string Type), StampReading> _readings = new();

    /// <summary>Changes the stamp after a write of <paramref name="type"/> in the tenant (concurrent callers share one bump that starts after they asked).</summary>
    public async Task BumpAsync(TenantLocation tenant, string type)
    {
        await _bumps.GetOrAdd((tenant.TenantId, type), static (_, state) =>
            new StampBump(state.Stores.Get(state.Tenant.Region), Key(state.Tenant, state.Type)), (Stores: stores, Tenant: tenant, Type: type)).RequestAsync();
        // This silo's next reading starts after the bump, so it sees its own writes at once.
        _readings.TryRemove((tenant.TenantId, type), out _);
    }

    /// <summary>The stamp as read from the store no longer than <see cref="MaxAge"/> ago, or, while the store cannot be read, as last read.</summary>
    /// <exception cref="StoreUnavailableException">The tenant's regional store cannot be read, and this silo has not read the stamp since its last bump here.</exception>
    public ValueTask<string> CurrentAsync(TenantLocation tenant, string type) =>
        _readings.GetOrAdd((tenant.TenantId, type), static (_, state) =>
            new StampReading(state.Stores.Get(state.Tenant.Region), Key(state.Tenant, state.Type), state.Time),
            (Stores: stores, Tenant: tenant, Type: type, Time: timeProvider)).CurrentAsync();

    /// <summary>The stamp as the store holds it now, not a reading kept by this silo: for what must not act on an older one.</summary>
    /// <exception cref="StoreUnavailableException">The tenant's regional store cannot be read.</exception>
    public async Task<string> ReadNowAsync(TenantLocation tenant, string type) =>
        (await stores.Get(tenant.Region).ReadAsync(Key(tenant, type)))?.ETag ?? string.Empty;

    private static string Key(TenantLocation tenant, string type) => $"changes/{tenant.TenantId}/{type}";
}
