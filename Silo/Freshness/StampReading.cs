using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// One stamp as this silo last read it. A reading counts from the moment its read started, so a
/// reading younger than <see cref="ChangeStamps.MaxAge"/> cannot predate a bump acknowledged longer
/// ago than that. Concurrent callers share one read. When the store cannot be read, the last stamp read
/// stays served (and the store is asked again after <see cref="ChangeStamps.MaxAge"/>): entities kept under it
/// were true when it was read, and a write that would move it cannot be acknowledged while the store is down.
/// </summary>
internal sealed class StampReading(IObjectStore store, string key, TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private Observation? _last;
    private Observation? _inFlight;

    public ValueTask<string> CurrentAsync()
    {
        var last = Volatile.Read(ref _last);
        return last is not null && IsFresh(last) ? new ValueTask<string>(last.Stamp) : new ValueTask<string>(ReadAsync());
    }

    private async Task<string> ReadAsync()
    {
        Observation flight;
        var starter = false;
        lock (_gate)
        {
            if (_inFlight is { } running && IsFresh(running) && !running.Read.Task.IsFaulted)
            {
                flight = running;
            }
            else
            {
                flight = new Observation(timeProvider.GetTimestamp());
                _inFlight = flight;
                starter = true;
            }
        }

        if (starter)
        {
            try
            {
                var stored = await store.ReadAsync(key);
                flight.Stamp = stored?.ETag ?? string.Empty;
                lock (_gate)
                {
                    if (_last is null || _last.StartedAt < flight.StartedAt)
                    {
                        Volatile.Write(ref _last, flight);
                    }
                }

                flight.Read.TrySetResult();
            }
            catch (Exception) when (Volatile.Read(ref _last) is { } last)
            {
                flight.Stamp = last.Stamp;
                flight.Read.TrySetResult();
            }
            catch (Exception ex)
            {
                flight.Read.TrySetException(ex);
            }
        }

        await flight.Read.Task;
        return flight.Stamp;
    }

    private bool IsFresh(Observation observation) => timeProvider.GetElapsedTime(observation.StartedAt) < ChangeStamps.MaxAge;

    private sealed class Observation(long startedAt)
    {
        public long StartedAt { get; } = startedAt;

        public string Stamp { get; set; } = string.Empty;

        public TaskCompletionSource Read { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
