using System.Collections.Concurrent;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// A stamp per tenant and entity type that changes whenever an entity of that type is written, so
/// the hot read paths can keep users and points of contact cached for as long as the stamp stays
/// the same, instead of reading them again every few hundred milliseconds.
/// </summary>
/// <remarks>
/// The stamp is the ETag of a small object next to the tenant's configuration in its regional
/// store. A write is acknowledged only after its bump, and a silo trusts a stamp it read for at most
/// <see cref="MaxAge"/>; so once a write returns, every silo sees the change within that bound.
/// Only <see cref="IsWatched">watched types</see> are stamped: the others have no long-lived cache.
/// </remarks>
public sealed class ChangeStamps(IObjectStoreProvider stores, TimeProvider timeProvider)
{
    /// <summary>How long a stamp read from the store is trusted (with the pair state's 500 ms, inside spec §3.2's second).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<(string TenantId, string Type), StampBump> _bumps = new();
    private readonly ConcurrentDictionary<(string TenantId, string Type), StampReading> _readings = new();

    /// <summary>Types read on the hot paths: users (login options) and points of contact (voice routing).</summary>
    public static bool IsWatched(string type) => type is EntityTypes.Users or EntityTypes.PointsOfContact;

    /// <summary>Changes the stamp after a write of <paramref name="type"/> in the tenant (concurrent callers share one bump that starts after they asked).</summary>
    public Task BumpAsync(TenantLocation tenant, string type) =>
        _bumps.GetOrAdd((tenant.TenantId, type), static (_, state) =>
            new StampBump(state.Stores.Get(state.Tenant.Region), Key(state.Tenant, state.Type)), (Stores: stores, Tenant: tenant, Type: type)).RequestAsync();

    /// <summary>The stamp as read from the store no longer than <see cref="MaxAge"/> ago.</summary>
    /// <exception cref="StoreUnavailableException">The tenant's regional store cannot be read.</exception>
    public ValueTask<string> CurrentAsync(TenantLocation tenant, string type) =>
        _readings.GetOrAdd((tenant.TenantId, type), static (_, state) =>
            new StampReading(state.Stores.Get(state.Tenant.Region), Key(state.Tenant, state.Type), state.Time),
            (Stores: stores, Tenant: tenant, Type: type, Time: timeProvider)).CurrentAsync();

    private static string Key(TenantLocation tenant, string type) => $"changes/{tenant.TenantId}/{type}";
}
