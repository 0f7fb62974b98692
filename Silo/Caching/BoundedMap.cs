using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Orleans.Bcp.Silo.Caching;

/// <summary>
/// Values by key that one silo keeps in memory, bounded: a new key that would take it past its capacity empties it
/// first, and it fills again from wherever the values came from. Every bounded cache of the silo keeps its values here
/// (docs/caches.md says why this and not a caching library).
/// </summary>
/// <remarks>
/// Emptied rather than evicting one entry at a time: a hit stays a single lock-free dictionary read with no
/// allocation and no bookkeeping (no recency to record), which is what the hot paths pay on every request; the
/// bounds are set above a deployment's working set, so emptying is the rare price of a flood of new keys (a bound
/// set below it still holds; what does not fit is read again from where it came from).
/// What it holds is counted here (the dictionary's own count takes every lock), by entry or by
/// <paramref name="weightOf"/>; an add or update that takes the count past the capacity empties it again, so it
/// holds at most its capacity and the entries being added at that very moment (concurrent writes can make the
/// count drift a little, which only moves when it is next emptied).
/// </remarks>
/// <param name="capacity">Entries (or weight) held at most.</param>
/// <param name="comparer">Compares keys; the default one when null.</param>
/// <param name="weightOf">What one value counts against the capacity (e.g. the entities it holds); 1 when null.</param>
public sealed class BoundedMap<TKey, TValue>(long capacity, IEqualityComparer<TKey>? comparer = null, Func<TValue, int>? weightOf = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new(comparer);

    private long _held;

    /// <summary>The entries held now (takes every lock of the dictionary: not for a hot path).</summary>
    public int Count => _values.Count;

    /// <summary>What it holds now, by entry or by weight (lock-free, for a bound's check or a report).</summary>
    public long Held => Volatile.Read(ref _held);

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    public bool ContainsKey(TKey key) => _values.ContainsKey(key);

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/>, over what was kept.</summary>
    public void Set(TKey key, TValue value)
    {
        while (true)
        {
            if (_values.TryGetValue(key, out var kept) ? TryUpdate(key, value, kept) : TryAdd(key, value))
            {
                return;
            }
        }
    }

    /// <summary>Keeps <paramref name="value"/> for a key not kept, or what <paramref name="update"/> makes of the kept one.</summary>
    public void AddOrUpdate(TKey key, TValue value, Func<TValue, TValue> update)
    {
        while (true)
        {
            if (_values.TryGetValue(key, out var kept) ? TryUpdate(key, update(kept), kept) : TryAdd(key, value))
            {
                return;
            }
        }
    }

    /// <summary>Replaces the value of <paramref name="key"/> if it is still <paramref name="comparison"/>.</summary>
    public bool TryUpdate(TKey key, TValue value, TValue comparison)
    {
        if (!_values.TryUpdate(key, value, comparison))
        {
            return false;
        }

        // A heavier value can take it past the capacity as a new key can.
        if (weightOf is not null && Interlocked.Add(ref _held, weightOf(value) - weightOf(comparison)) > capacity)
        {
            MakeRoomFor(0);
        }

        return true;
    }

    public bool TryRemove(TKey key)
    {
        if (!_values.TryRemove(key, out var removed))
        {
            return false;
        }

        Interlocked.Add(ref _held, -WeightOf(removed));
        return true;
    }

    /// <summary>Removes <paramref name="key"/> if its value is still <paramref name="value"/>.</summary>
    public bool TryRemove(TKey key, TValue value)
    {
        if (!_values.TryRemove(KeyValuePair.Create(key, value)))
        {
            return false;
        }

        Interlocked.Add(ref _held, -WeightOf(value));
        return true;
    }

    /// <summary>Empties it now if <paramref name="weight"/> more would take it past its capacity (before adding a batch).</summary>
    public void MakeRoomFor(int weight)
    {
        if (Volatile.Read(ref _held) + weight > capacity)
        {
            _values.Clear();
            Volatile.Write(ref _held, 0);
        }
    }

    private bool TryAdd(TKey key, TValue value)
    {
        var weight = WeightOf(value);
        MakeRoomFor(weight);
        if (!_values.TryAdd(key, value))
        {
            return false;
        }

        // A concurrent add may have taken it past the capacity meanwhile: empty it again, so the bound holds but for adds under way.
        if (Interlocked.Add(ref _held, weight) > capacity)
        {
            MakeRoomFor(0);
        }

        return true;
    }

    private int WeightOf(TValue value) => weightOf?.Invoke(value) ?? 1;
}
