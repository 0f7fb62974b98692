using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// Pair ids this silo found not to exist, in their own small bound apart from the kept pair states, so that asking
/// for ids that do not exist neither activates a pair grain per id nor pushes real pairs out of
/// <see cref="PairStateCache"/>. When full, the ids not asked for lately are dropped (a forgotten id costs one store read again).
/// </summary>
/// <remarks>
/// A pair set up anywhere in the cluster is forgotten here at once: the setup tells every silo
/// (<see cref="PairCreatedNotice"/>). An answer read before that notice but kept after it would hide the new pair, so
/// an id is kept only when no pair was set up while it was being read; and no answer is trusted for longer than
/// <see cref="PairStateOptions.MaxAge"/>, the backstop for a silo the notice did not reach.
/// </remarks>
public sealed class AbsentPairs(TimeProvider timeProvider, int capacity, TimeSpan maxAge)
{
    private readonly BoundedMap<string, long> _readAt = new(capacity, StringComparer.Ordinal);
    private long _setups;

    /// <summary>How many ids are kept (never more than the capacity).</summary>
    public int Count => _readAt.Count;

    /// <summary>A mark to take before reading whether a pair exists, and to hand to <see cref="Keep"/>.</summary>
    public long Mark() => Interlocked.Read(ref _setups);

    /// <summary>Whether <paramref name="pairId"/> was found not to exist, less than the backstop's age ago.</summary>
    public bool Contains(string pairId)
    {
        if (!_readAt.TryGetValue(pairId, out var readAt))
        {
            return false;
        }

        if (timeProvider.GetElapsedTime(readAt) < maxAge)
        {
            return true;
        }

        _readAt.TryRemove(pairId, readAt);
        return false;
    }

    /// <summary>Keeps <paramref name="pairId"/> as not existing, read since <paramref name="mark"/>, unless a pair was set up meanwhile.</summary>
    public void Keep(string pairId, long mark, long readStartedAt)
    {
        _readAt.Set(pairId, readStartedAt);
        // Checked after adding: a setup that came in between either moved the mark (undone here) or forgets the id itself.
        if (Interlocked.Read(ref _setups) != mark)
        {
            _readAt.TryRemove(pairId, readStartedAt);
        }
    }

    /// <summary>A pair was set up: its id is no longer absent, and reads that started before this are not kept.</summary>
    public void Forget(string pairId)
    {
        Interlocked.Increment(ref _setups);
        _readAt.TryRemove(pairId);
    }
}
