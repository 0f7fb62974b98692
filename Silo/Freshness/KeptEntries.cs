using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// A hot path's memory on one silo, per key (a username, a dialled number): the index claim that names
/// the key's entity, and that entity as it was under a <see cref="ChangeStamps">change stamp</see> of its
/// tenant. The entity is good for as long as the stamp is the same; the claim for <see cref="ClaimAge"/>,
/// and a caller confirms it by the entity (which must still carry the key) before trusting it.
/// </summary>
/// <remarks>
/// A plain dictionary keyed by the string rather than a general cache: a hit is one lookup with no
/// allocation, the largest part of what a login cost once nothing is read from the store. It is
/// bounded as every kept map is (<see cref="BoundedMap{TKey, TValue}"/>): when full, emptied, and filled again from the store.
/// </remarks>
public sealed class KeptEntries<TClaim, TValue>(TimeProvider timeProvider, int capacity)
    where TClaim : class
    where TValue : class
{
    /// <summary>A claim is read again after this long even while its entity confirms it: a backstop for a change whose stamp was lost.</summary>
    public static readonly TimeSpan ClaimAge = TimeSpan.FromMinutes(5);

    private readonly BoundedMap<string, Entry> _entries = new(capacity, StringComparer.Ordinal);

    /// <summary>The kept claim on <paramref name="key"/>, if read less than <see cref="ClaimAge"/> ago.</summary>
    public TClaim? ClaimOf(string key) => ClaimOf(key, out _);

    /// <summary>The kept claim on <paramref name="key"/>, if read less than <see cref="ClaimAge"/> ago, and how long ago.</summary>
    public TClaim? ClaimOf(string key, out TimeSpan age)
    {
        age = _entries.TryGetValue(key, out var entry) ? timeProvider.GetElapsedTime(entry.ClaimReadAt) : TimeSpan.MaxValue;
        return age < ClaimAge ? entry!.Claim : null;
    }

    /// <summary>The entity kept for <paramref name="key"/> under this very claim and stamp.</summary>
    public bool TryGetValue(string key, TClaim claim, string stamp, out TValue? value)
    {
        if (_entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Claim, claim) && entry.Stamp == stamp)
        {
            value = entry.Value;
            return true;
        }

        value = null;
        return false;
    }

    public void KeepClaim(string key, TClaim claim) => Put(key, new Entry(claim, timeProvider.GetTimestamp(), null, null));

    /// <summary>Keeps the entity read under <paramref name="stamp"/> (read before the entity) for the claim.</summary>
    public void KeepValue(string key, TClaim claim, TValue? value, string stamp)
    {
        var claimReadAt = _entries.TryGetValue(key, out var entry) && ReferenceEquals(entry.Claim, claim) ? entry.ClaimReadAt : timeProvider.GetTimestamp();
        Put(key, new Entry(claim, claimReadAt, value, stamp));
    }

    public void Forget(string key) => _entries.TryRemove(key);

    private void Put(string key, Entry entry) => _entries.Set(key, entry);

    private sealed record Entry(TClaim Claim, long ClaimReadAt, TValue? Value, string? Stamp);
}
