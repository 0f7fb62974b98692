using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Orleans.Bcp.Silo.Caching;

/// <summary>
/// Values by key that one silo keeps in memory, bounded: when a new value would take it past its capacity, what was
/// not used lately is dropped, and it is read again from wherever it came from. Every bounded cache of the silo keeps
/// its values here (docs/caches.md says why this and not a caching library).
/// </summary>
/// <remarks>
/// Two generations: new and updated values go to the young one; a read looks in the young one (a hit there is a single
/// lock-free dictionary read with no allocation and no recency to record, which is what the hot paths pay on every
/// request), and a value found only in the old one is moved to the young one, so what is used survives. When a value
/// would take both past the capacity, or the young one past half of it, the map turns: the old generation is dropped,
/// the young one becomes old and a new young one starts (twice at most, which leaves it empty for a value heavier than
/// half; one heavier than the whole capacity is not kept). The young one is kept to half so that a turn always frees room: were it let fill the
/// whole capacity, the next turn would only make it old and the second would drop it all. So a bound below the working
/// set keeps what was used lately instead of emptying it all.
/// Every change (write, move, removal, turn) is made under one lock, so a conditional update sees both generations at
/// once and the weight counted is exact: these writes follow a store read or a grain's push, which the lock does not
/// slow; a hit in the young generation does not take it.
/// </remarks>
/// <param name="capacity">Entries (or weight) held at most.</param>
/// <param name="comparer">Compares keys; the default one when null.</param>
/// <param name="weightOf">What one value counts against the capacity (e.g. the entities it holds); 1 when null.</param>
public sealed class BoundedMap<TKey, TValue>(long capacity, IEqualityComparer<TKey>? comparer = null, Func<TValue, int>? weightOf = null)
    where TKey : notnull
{
    private readonly Lock _changing = new();

    // Written under _changing, old before young on a turn: a reader that sees the new young one sees the new old one.
    private volatile ConcurrentDictionary<TKey, TValue> _young = new(comparer);
    private volatile ConcurrentDictionary<TKey, TValue> _old = new(comparer);

    // What both generations hold, and what the young one holds of it (the old one's is the difference): one field
    // read for Held, never a sum torn by a turn.
    private long _held;
    private long _youngHeld;

    /// <summary>The entries held now (takes the lock: not for a hot path).</summary>
    public int Count
    {
        get
        {
            lock (_changing)
            {
                return _young.Count + _old.Count;
            }
        }
    }

    /// <summary>What it holds now, by entry or by weight (lock-free, for a bound's check or a report).</summary>
    public long Held => Volatile.Read(ref _held);

    /// <summary>The value kept for <paramref name="key"/>; one found in the old generation is moved to the young one.</summary>
    /// <remarks>Inlined, so that a hit costs its caller what a dictionary read does (measured in docs/caches.md).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) =>
        _young.TryGetValue(key, out value) || TryGetOlder(key, out value);

    /// <summary>Whether <paramref name="key"/> is kept (a check, not a use: nothing is moved).</summary>
    public bool ContainsKey(TKey key) => TryPeek(key, out _);

    /// <summary>Keeps <paramref name="value"/> for <paramref name="key"/>, over what was kept.</summary>
    public void Set(TKey key, TValue value)
    {
        lock (_changing)
        {
            Put(key, value);
        }
    }

    /// <summary>Keeps <paramref name="value"/> for a key not kept, or what <paramref name="update"/> makes of the kept one.</summary>
    public void AddOrUpdate(TKey key, TValue value, Func<TValue, TValue> update)
    {
        // The update runs outside the lock, and is kept only if the value it was made from is still the kept one.
        while (true)
        {
            if (TryPeek(key, out var kept) ? TryUpdate(key, update(kept), kept) : TryAdd(key, value))
            {
                return;
            }
        }
    }

    /// <summary>Replaces the value of <paramref name="key"/> if it is still <paramref name="comparison"/> (in either generation).</summary>
    public bool TryUpdate(TKey key, TValue value, TValue comparison)
    {
        lock (_changing)
        {
            if (!TryFind(key, out var kept) || !EqualityComparer<TValue>.Default.Equals(kept, comparison))
            {
                return false;
            }

            Put(key, value);
            return true;
        }
    }

    public bool TryRemove(TKey key)
    {
        lock (_changing)
        {
            return Remove(key);
        }
    }

    /// <summary>Removes <paramref name="key"/> if its value is still <paramref name="value"/>.</summary>
    public bool TryRemove(TKey key, TValue value)
    {
        lock (_changing)
        {
            return TryFind(key, out var kept) && EqualityComparer<TValue>.Default.Equals(kept, value) && Remove(key);
        }
    }

    /// <summary>
    /// Turns it now if <paramref name="weight"/> more would take it past its capacity (before adding a batch, so the
    /// batch's own values are not trimmed while it is added).
    /// </summary>
    public void MakeRoomFor(int weight)
    {
        lock (_changing)
        {
            for (var turns = 0; turns < 2 && WouldPass(weight, weight); turns++)
            {
                Turn();
            }
        }
    }

    private bool TryAdd(TKey key, TValue value)
    {
        lock (_changing)
        {
            if (TryFind(key, out _))
            {
                return false;
            }

            Put(key, value);
            return true;
        }
    }

    private bool TryGetOlder(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var young = _young;
        while (true)
        {
            if (_old.TryGetValue(key, out _))
            {
                return TryPromote(key, out value);
            }

            // A write may have moved it from the old generation to the young one between the two reads (it adds before
            // it removes); and after a turn, the generations read may no longer be the map's.
            var now = _young;
            if (now.TryGetValue(key, out value))
            {
                return true;
            }

            if (ReferenceEquals(now, young))
            {
                return false;
            }

            young = now;
        }
    }

    /// <summary>The kept value without moving it (as <see cref="TryGetOlder"/> reads, but for the move).</summary>
    private bool TryPeek(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var young = _young;
        while (true)
        {
            if (young.TryGetValue(key, out value) || _old.TryGetValue(key, out value))
            {
                return true;
            }

            var now = _young;
            if (ReferenceEquals(now, young))
            {
                return now.TryGetValue(key, out value);
            }

            young = now;
        }
    }

    /// <summary>Moves the value of <paramref name="key"/> to the young generation, found and moved under the lock so that no turn comes between.</summary>
    private bool TryPromote(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_changing)
        {
            if (_young.TryGetValue(key, out value))
            {
                return true;
            }

            // Gone meanwhile (removed, or dropped by a turn): a miss, as a read after that would be.
            if (!_old.TryGetValue(key, out value))
            {
                return false;
            }

            Put(key, value);
            return true;
        }
    }

    // The callers below hold _changing.
    private bool TryFind(TKey key, [MaybeNullWhen(false)] out TValue value) =>
        _young.TryGetValue(key, out value) || _old.TryGetValue(key, out value);

    private void Put(TKey key, TValue value)
    {
        var weight = WeightOf(value);
        if (weight > capacity)
        {
            // Not kept, and nothing else trimmed for it.
            Remove(key);
            return;
        }

        // The room it needs beside what it replaces (which a turn may itself move or drop).
        for (var turns = 0; turns < 2 && WouldPass(weight - HeldFor(key), weight - YoungHeldFor(key)); turns++)
        {
            Turn();
        }

        var added = (long)weight;
        if (_young.TryGetValue(key, out var replaced))
        {
            added -= WeightOf(replaced);
        }

        _young[key] = value;
        _youngHeld += added;

        // Added to the young generation before leaving the old one, so a reader never misses it in between.
        if (_old.TryRemove(key, out var older))
        {
            added -= WeightOf(older);
        }

        Volatile.Write(ref _held, _held + added);
    }

    private bool Remove(TKey key)
    {
        var removed = 0L;
        var found = false;
        if (_young.TryRemove(key, out var young))
        {
            removed += WeightOf(young);
            _youngHeld -= WeightOf(young);
            found = true;
        }

        if (_old.TryRemove(key, out var old))
        {
            removed += WeightOf(old);
            found = true;
        }

        Volatile.Write(ref _held, _held - removed);
        return found;
    }

    /// <summary>Drops the old generation; the young one becomes old and a new young one starts.</summary>
    private void Turn()
    {
        _old = _young;
        _young = new(comparer);
        Volatile.Write(ref _held, _youngHeld);
        _youngHeld = 0;
    }

    /// <summary>
    /// Whether adding would take both generations past the capacity, or the young one past half of it: an old
    /// generation is then at most half, so a turn always leaves room (but for a value heavier than half).
    /// </summary>
    private bool WouldPass(long added, long addedToYoung) => _held + added > capacity || _youngHeld + addedToYoung > capacity / 2;

    private long YoungHeldFor(TKey key) => _young.TryGetValue(key, out var kept) ? WeightOf(kept) : 0;

    private long HeldFor(TKey key) => TryFind(key, out var kept) ? WeightOf(kept) : 0;

    private int WeightOf(TValue value) => weightOf?.Invoke(value) ?? 1;
}
