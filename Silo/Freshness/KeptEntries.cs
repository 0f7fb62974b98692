using System.Collections.Concurrent;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// A hot path's memory on one silo, per key (a username, a dialled number): the index claim that names
/// the key's entity, and that entity as it was under a <see cref="ChangeStamps">change stamp</see> of its
/// tenant, in one compact entry. The entity is good for as long as the stamp is the same; the claim for
/// <see cref="ClaimAge"/>, and a caller confirms it by the entity (which must still carry the key) before trusting it.
/// </summary>
/// <remarks>
/// A plain dictionary keyed by the string rather than a general cache: a hit is one lookup with no
/// allocation, the largest part of what a login cost once nothing is read from the store. It is bounded
/// by the bytes its entries weigh (<see cref="BoundedMap{TKey, TValue}"/>, <see cref="KeptEntriesOptions"/>):
/// when full, the entries not used lately are dropped (those read since its last turn are kept), and read again
/// from the store as they are asked for.
/// </remarks>
public sealed class KeptEntries<TEntry>(TimeProvider timeProvider, long maxBytes)
    where TEntry : class, IKeptEntry<TEntry>
{
    /// <summary>A claim is read again after this long even while its entity confirms it: a backstop for a change whose stamp was lost.</summary>
    public static readonly TimeSpan ClaimAge = TimeSpan.FromMinutes(5);

    private readonly BoundedMap<string, TEntry> _entries = new(maxBytes, StringComparer.Ordinal, entry => entry.Weight);

    // Held once per tenant for all its entries (as many as the tenants, so not counted against the bound).
    private readonly ConcurrentDictionary<string, TenantLocation> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _stamps = new(StringComparer.Ordinal);

    /// <summary>The bytes its entries weigh now (<see cref="IKeptEntry{TEntry}.Weight"/>); never above the bound.</summary>
    public long Bytes => _entries.Held;

    /// <summary>The kept entry of <paramref name="key"/>, if its claim was read less than <see cref="ClaimAge"/> ago, and how long ago.</summary>
    public TEntry? ClaimOf(string key, out TimeSpan age)
    {
        age = _entries.TryGetValue(key, out var entry) ? timeProvider.GetElapsedTime(entry.ClaimReadAt) : TimeSpan.MaxValue;
        return age < ClaimAge ? entry : null;
    }

    /// <summary>The entry kept for <paramref name="key"/> with an entity read under <paramref name="stamp"/> for the claim of <paramref name="claim"/>.</summary>
    public TEntry? Read(string key, TEntry claim, string stamp) =>
        _entries.TryGetValue(key, out var entry) && entry.Stamp == stamp && entry.HasClaimOf(claim) ? entry : null;

    public void Keep(string key, TEntry entry) => _entries.Set(key, entry);

    public void Forget(string key) => _entries.TryRemove(key);

    /// <summary>The one location kept for <paramref name="tenant"/>'s tenant, for its entries to share.</summary>
    public TenantLocation SharedTenant(TenantLocation tenant) => _tenants.GetOrAdd(tenant.TenantId, tenant);

    /// <summary>The one string kept for the tenant's current stamp: a stamp read again is a new string with the same text.</summary>
    public string SharedStamp(string tenantId, string stamp)
    {
        if (_stamps.TryGetValue(tenantId, out var shared) && string.Equals(shared, stamp, StringComparison.Ordinal))
        {
            return shared;
        }

        _stamps[tenantId] = stamp;
        return stamp;
    }
}
