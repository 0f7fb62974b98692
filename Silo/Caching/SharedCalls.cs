using System.Collections.Concurrent;

namespace Orleans.Bcp.Silo.Caching;

/// <summary>
/// Calls by key that concurrent callers share ("single flight"): a caller who asks while the key's call runs is handed
/// that call's task instead of making a call of its own, so a burst of requests for one key costs one read. Every
/// shared read of the silo goes through here (docs/caches.md).
/// </summary>
/// <remarks>
/// A call is joined only while it is younger than <paramref name="joinWithin"/>: a read that started longer ago than a
/// freshness rule allows may predate a change its caller must see, so that caller starts a read of its own. A call
/// that succeeded stays joinable for <paramref name="keepFor"/> after it started (zero: it is dropped when it ends, and
/// the caller keeps the result elsewhere). A call that failed is never joined again: a store outage is not remembered.
/// </remarks>
/// <param name="timeProvider">The clock the ages are measured by.</param>
/// <param name="joinWithin">How young a call must be to be joined; <see cref="Timeout.InfiniteTimeSpan"/>: any.</param>
/// <param name="keepFor">How long after it started a successful call's result is handed out (at most <paramref name="joinWithin"/>).</param>
/// <param name="comparer">Compares keys; the default one when null.</param>
public sealed class SharedCalls<TKey, TResult>(
    TimeProvider timeProvider, TimeSpan joinWithin, TimeSpan keepFor = default, IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Call> _calls = new(comparer);

    /// <summary>The key's call: one that can be joined, or <paramref name="call"/> started now.</summary>
    public Task<TResult> RunAsync(TKey key, Func<TKey, Task<TResult>> call)
    {
        while (true)
        {
            if (_calls.TryGetValue(key, out var current))
            {
                if (CanJoin(current))
                {
                    return current.Result.Value;
                }

                _calls.TryRemove(KeyValuePair.Create(key, current));
                continue;
            }

            Call? mine = null;
            mine = new Call(timeProvider.GetTimestamp(), new Lazy<Task<TResult>>(() => RunCallAsync(key, call, mine!)));
            if (_calls.TryAdd(key, mine))
            {
                return mine.Result.Value;
            }
        }
    }

    /// <summary>The next caller of <paramref name="key"/> starts a call of its own (what ran before may be out of date).</summary>
    public void Forget(TKey key) => _calls.TryRemove(key, out _);

    private bool CanJoin(Call call)
    {
        var age = timeProvider.GetElapsedTime(call.StartedAt);
        return (joinWithin == Timeout.InfiniteTimeSpan || age < joinWithin)
            && (!call.Result.IsValueCreated || !call.Result.Value.IsCompleted || age < keepFor);
    }

    private async Task<TResult> RunCallAsync(TKey key, Func<TKey, Task<TResult>> call, Call mine)
    {
        var kept = false;
        try
        {
            var result = await call(key);
            kept = keepFor > TimeSpan.Zero;
            return result;
        }
        finally
        {
            // Before the task completes, so no caller joins a finished call that is not to be kept.
            if (!kept)
            {
                _calls.TryRemove(KeyValuePair.Create(key, mine));
            }
        }
    }

    private sealed record Call(long StartedAt, Lazy<Task<TResult>> Result);
}
