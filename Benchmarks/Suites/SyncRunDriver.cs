using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Runs one sync through the HTTP API ("run now", then polling the run report) and measures it from
/// the outside: wall time, the BCP tenant's keys and ETags before and after, and the Api's memory.
/// </summary>
internal static class SyncRunDriver
{
    public static async Task<SyncRunResult> RunAsync(SyncTarget target, bool measurePeak, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var before = await KeySnapshot.TakeAsync(target.BcpStore, target.BcpPrefix, cancellationToken);
        var pid = target.Api.ProcessId;
        var rssBefore = ProcessMemory.Rss(pid);
        var peakReset = measurePeak && ProcessMemory.TryResetPeak(pid);
        long? sampledPeak = rssBefore;

        var cpuBefore = target.Api.TotalProcessorTime;
        var stopwatch = Stopwatch.StartNew();
        var runId = await SyncCalls.StartRunAsync(target.Client, target.Pair.PairId, cancellationToken);
        JsonElement report;
        while (true)
        {
            await Task.Delay(options.SyncPollInterval, cancellationToken);
            // Sampled as well, in case VmHWM could not be reset (then it would cover the whole process life).
            sampledPeak = Max(sampledPeak, ProcessMemory.Rss(pid));
            report = await SyncCalls.GetRunAsync(target.Client, target.Pair.PairId, runId, cancellationToken);
            if (report.GetProperty("outcome").GetString() != "running")
            {
                break;
            }

            target.Api.EnsureRunning();
            if (stopwatch.Elapsed > options.SyncRunTimeout)
            {
                throw new TimeoutException($"Sync run {runId} on {target.Name} still running after {options.SyncRunTimeout}.");
            }
        }

        var wall = stopwatch.Elapsed;
        var apiCpu = target.Api.TotalProcessorTime - cpuBefore;
        long? peak = measurePeak ? (peakReset ? ProcessMemory.Peak(pid) : sampledPeak) : null;
        var after = await KeySnapshot.TakeAsync(target.BcpStore, target.BcpPrefix, cancellationToken);

        var byType = report.GetProperty("counts").EnumerateObject().ToDictionary(type => type.Name, type => RunCounts.From(type.Value));
        var result = new SyncRunResult(
            report.GetProperty("outcome").GetString()!,
            wall,
            Time(report, "finishedAt") - Time(report, "startedAt"),
            byType.Values.Aggregate(RunCounts.Zero, (sum, counts) => sum + counts),
            byType,
            report.GetProperty("warnings").GetArrayLength(),
            report.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null,
            before.ChangesTo(after),
            rssBefore,
            peak,
            apiCpu);
        Log.Info($"sync: {target.Name} run {runId}: {result.Outcome} in {wall.TotalSeconds:0.0} s, {result.Totals.Written:N0} written by its counts, " +
            $"{result.BcpChanges.Total:N0} BCP objects changed by listing{(peak is { } p ? $", peak RSS {p / 1048576.0:0} MB" : "")}");
        if (result.Outcome != "succeeded")
        {
            throw new InvalidOperationException($"Sync run {runId} on {target.Name} ended {result.Outcome}: {result.Error ?? report.ToString()}");
        }

        return result;
    }

    private static DateTimeOffset Time(JsonElement report, string property) =>
        DateTimeOffset.Parse(report.GetProperty(property).GetString()!, CultureInfo.InvariantCulture);

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
