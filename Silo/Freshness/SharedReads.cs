using System.Collections.Concurrent;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// The reads behind <see cref="PairStateCache"/> (of grains, and of their stored state), per key: concurrent reads of a key share one call, and a
/// read that failed or did not answer within <see cref="PairStateCache.UnreachableAfter"/> is not tried again for
/// <see cref="PairStateCache.RetryUnreachableAfter"/>, so a key whose grain sits on a dead silo costs the hot path
/// one short wait now and then, not one per request.
/// </summary>
internal sealed class SharedReads<T>(TimeProvider timeProvider)
{
    private readonly SharedCalls<string, T> _running = new(timeProvider, Timeout.InfiniteTimeSpan, comparer: StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _failedAt = new(StringComparer.Ordinal);

    /// <summary>Whether the last read of <paramref name="key"/> failed less than <see cref="PairStateCache.RetryUnreachableAfter"/> ago.</summary>
    public bool FailedRecently(string key) =>
        _failedAt.TryGetValue(key, out var at) && timeProvider.GetElapsedTime(at) < PairStateCache.RetryUnreachableAfter;

    /// <summary>The read of <paramref name="key"/> (joins one running), as long as it takes: a read of the store, which stays reachable.</summary>
    public Task<T> ReadAsync(string key, Func<string, Task<T>> read) => Shared(key, read);

    /// <summary>The read of <paramref name="key"/> (joins one running); faults, or times out after <see cref="PairStateCache.UnreachableAfter"/>.</summary>
    public async Task<T> ReadWithinAsync(string key, Func<string, Task<T>> read)
    {
        var shared = Shared(key, read);
        try
        {
            return await shared.WaitAsync(PairStateCache.UnreachableAfter, timeProvider);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failedAt[key] = timeProvider.GetTimestamp();
            throw;
        }
    }

    /// <summary>The next read tries at once (the grain may be reachable again: a silo was declared dead).</summary>
    public void ForgetFailures() => _failedAt.Clear();

    /// <inheritdoc cref="ForgetFailures"/>
    public void ForgetFailure(string key) => _failedAt.TryRemove(key, out _);

    private Task<T> Shared(string key, Func<string, Task<T>> read) => _running.RunAsync(key, async id =>
    {
        var value = await read(id);
        _failedAt.TryRemove(id, out _);
        return value;
    });
}
