using System.Diagnostics;

namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>
/// Closed-loop load: each worker issues its next operation as soon as the previous one completes,
/// for a fixed wall time. Throughput is successful operations divided by the time until the last
/// worker finished (in-flight operations at the deadline are allowed to complete and count).
/// </summary>
internal static class ClosedLoop
{
    /// <summary>Runs <paramref name="workers"/> loops of <paramref name="operation"/> (given the worker index; false or an exception is a failure).</summary>
    public static async Task<LoadResult> RunAsync(
        int workers, TimeSpan duration, Func<int, CancellationToken, Task<bool>> operation, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var runs = Enumerable.Range(0, workers)
            .Select(worker => Task.Run(() => RunWorkerAsync(worker, stopwatch, duration, operation, cancellationToken), cancellationToken))
            .ToArray();
        var results = await Task.WhenAll(runs);
        var elapsed = stopwatch.Elapsed;
        return new LoadResult(
            results.Sum(result => result.Latencies.Count),
            results.Sum(result => result.Errors),
            elapsed,
            [.. results.SelectMany(result => result.Latencies)],
            results.Select(result => result.FirstError).FirstOrDefault(error => error is not null));
    }

    private static async Task<(List<double> Latencies, int Errors, string? FirstError)> RunWorkerAsync(
        int worker, Stopwatch stopwatch, TimeSpan duration, Func<int, CancellationToken, Task<bool>> operation, CancellationToken cancellationToken)
    {
        var latencies = new List<double>(4096);
        var errors = 0;
        string? firstError = null;
        while (stopwatch.Elapsed < duration)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = Stopwatch.GetTimestamp();
            bool succeeded;
            try
            {
                succeeded = await operation(worker, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // A failure is counted and reported, not fatal: the table shows how many there were.
                firstError ??= $"{ex.GetType().Name}: {ex.Message}";
                succeeded = false;
            }

            if (succeeded)
            {
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }
            else
            {
                errors++;
                firstError ??= "operation reported failure";
            }
        }

        return (latencies, errors, firstError);
    }
}
