using Orleans.Bcp.Silo.Caching;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// One stamp as this silo last read it. A reading counts from the moment its read started, so a
/// reading younger than <see cref="ChangeStamps.MaxAge"/> cannot predate a bump acknowledged longer
/// ago than that. Concurrent callers share one read, but only one younger than that. When the store cannot be read, the last stamp read
/// stays served (and the store is asked again after <see cref="ChangeStamps.MaxAge"/>): entities kept under it
/// were true when it was read, and a write that would move it cannot be acknowledged while the store is down.
/// </summary>
internal sealed class StampReading(IObjectStore store, string key, TimeProvider timeProvider)
{
    /// <summary>The read of the store, shared; its answer (also the last stamp, answered for a failed read) is handed out until it is too old.</summary>
    private readonly SharedCalls<string, string> _reads = new(timeProvider, ChangeStamps.MaxAge, keepFor: ChangeStamps.MaxAge, StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Observation? _last;

    public ValueTask<string> CurrentAsync()
    {
        var last = Volatile.Read(ref _last);
        return last is not null && timeProvider.GetElapsedTime(last.StartedAt) < ChangeStamps.MaxAge
            ? new ValueTask<string>(last.Stamp)
            : new ValueTask<string>(_reads.RunAsync(key, ReadAsync));
    }

    private async Task<string> ReadAsync(string storeKey)
    {
        var startedAt = timeProvider.GetTimestamp();
        try
        {
            var stored = await store.ReadAsync(storeKey);
            var read = new Observation(startedAt, stored?.ETag ?? string.Empty);
            // Reads can end out of order: the one begun last is kept.
            lock (_gate)
            {
                if (_last is null || _last.StartedAt < startedAt)
                {
                    Volatile.Write(ref _last, read);
                }
            }

            return read.Stamp;
        }
        catch (Exception) when (Volatile.Read(ref _last) is { } last)
        {
            return last.Stamp;
        }
    }

    private sealed record Observation(long StartedAt, string Stamp);
}
