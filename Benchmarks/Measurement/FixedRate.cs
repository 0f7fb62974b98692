using System.Diagnostics;

namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>
/// Open-loop load at a constant rate (what wrk2 does; Debian ships only wrk): operation k is due at
/// start + k / rate and starts then whether or not earlier ones have finished. Latency runs from the
/// due time, not the actual send, so a stall of the server (or of this sender) counts against every
/// request that should have started during it instead of hiding it (coordinated omission).
/// </summary>
internal static class FixedRate
{
    public static async Task<OpenLoopResult> RunAsync(
        int count, double perSecond, Func<int, CancellationToken, Task<bool>> operation, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var succeeded = new bool[count];
        var tasks = new Task[count];
        string? firstError = null;
        var maxLag = 0.0;
        var start = Stopwatch.GetTimestamp();
        for (var k = 0; k < count; k++)
        {
            var due = start + (long)(k * (Stopwatch.Frequency / perSecond));
            var early = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (early > TimeSpan.Zero)
            {
                // Timers tick about once a millisecond: requests that fall due meanwhile go out together, timed from their due time.
                await Task.Delay(early, cancellationToken);
            }

            maxLag = Math.Max(maxLag, Stopwatch.GetElapsedTime(due).TotalMilliseconds);
            var index = k;
            tasks[k] = Task.Run(async () =>
            {
                try
                {
                    succeeded[index] = await operation(index, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.CompareExchange(ref firstError, $"{ex.GetType().Name}: {ex.Message}", null);
                }

                latencies[index] = Stopwatch.GetElapsedTime(due).TotalMilliseconds;
            }, cancellationToken);
        }

        var sendSpan = Stopwatch.GetElapsedTime(start);
        await Task.WhenAll(tasks);
        var errors = succeeded.Count(ok => !ok);
        return new OpenLoopResult(
            count,
            errors,
            [.. latencies.Where((_, index) => succeeded[index])],
            sendSpan,
            maxLag,
            firstError ?? (errors > 0 ? "operation reported failure" : null));
    }
}
