using System.Collections.Concurrent;
using System.Diagnostics;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Every pair's sync on the scale cluster, as the daily run would do it, triggered per pair over HTTP (docs/sync.md):
/// a first run that copies the primary, then the one that matters at scale — a run with nothing changed — timed in
/// all, with the CPU of every node per entity it looked at. Stops starting pairs when the loading budget is spent.
/// </summary>
internal static class ScaleClusterSync
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(10);

    public static async Task RunAsync(
        BenchmarkEnvironment environment, HttpClient[] nodes, HotPathPair[] pairs, ScaleSettings settings, ScaleCluster cluster, ScaleClusterResults results,
        CancellationToken cancellationToken)
    {
        var problems = new ConcurrentDictionary<string, int>();
        var budget = Stopwatch.StartNew();
        var started = 0;
        var firstCounts = RunCounts.Zero;
        var gate = new Lock();
        Log.Info($"scale cluster: first sync of up to {pairs.Length:N0} pairs ({settings.SyncParallelism} at a time, within {Format.Seconds(settings.LoadBudget)})");
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Length), Options(settings, cancellationToken), async (k, token) =>
        {
            if (budget.Elapsed > settings.LoadBudget)
            {
                return;
            }

            Interlocked.Increment(ref started);
            var client = nodes[k % nodes.Length];
            var token2 = Token(environment, pairs[k]);
            var (status, _) = await ScaleCalls.SendAsync(client, HttpMethod.Put, $"/tenant-pairs/{pairs[k].Pair.PairId}/sync", token2, new { enabled = true, mode = "default" }, token);
            var counts = status == 200 ? await RunOnceAsync(client, pairs[k], token2, problems, token) : Problem(problems, $"enable {status}");
            lock (gate)
            {
                firstCounts += counts ?? RunCounts.Zero;
            }
        });
        results.FirstSyncTime = budget.Elapsed;
        results.FirstSyncCounts = firstCounts;
        // Only the pairs that had their first run take the second: the same set, so the no-change figure covers them all.
        var synced = pairs.Take(started).ToArray();
        results.SyncedPairs = synced.Length;
        Log.Info($"scale cluster: first sync of {synced.Length:N0} pairs in {results.FirstSyncTime.TotalSeconds:0} s; now the no-change sync of each");

        var cpuBefore = cluster.Processes.Select(process => process.Cpu()).Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu);
        var noChange = RunCounts.Zero;
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, synced.Length), Options(settings, cancellationToken), async (k, token) =>
        {
            var counts = await RunOnceAsync(nodes[k % nodes.Length], synced[k], Token(environment, synced[k]), problems, token);
            lock (gate)
            {
                noChange += counts ?? RunCounts.Zero;
            }
        });
        results.NoChangeSyncTime = stopwatch.Elapsed;
        results.NoChangeSyncCpu = cluster.Processes.Select(process => process.Cpu()).Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu) - cpuBefore;
        results.NoChangeSyncCounts = noChange;
        results.SyncProblems = ScaleEmbeddedSuite.Describe(problems);
        Log.Info($"scale cluster: no-change sync of {synced.Length:N0} pairs in {results.NoChangeSyncTime.TotalSeconds:0.0} s, {noChange.Written} written, {noChange.Unchanged:N0} unchanged");
    }

    private static async Task<RunCounts?> RunOnceAsync(
        HttpClient client, HotPathPair pair, string token, ConcurrentDictionary<string, int> problems, CancellationToken cancellationToken)
    {
        var (status, body) = await ScaleCalls.SendAsync(client, HttpMethod.Post, $"/tenant-pairs/{pair.Pair.PairId}/sync/runs", token, null, cancellationToken);
        if (status != 202 || body is not { } started)
        {
            return Problem(problems, $"start {status}");
        }

        var runId = started.GetProperty("runId").GetString();
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < RunTimeout)
        {
            await Task.Delay(PollInterval, cancellationToken);
            var (readStatus, report) = await ScaleCalls.SendAsync(client, HttpMethod.Get, $"/tenant-pairs/{pair.Pair.PairId}/sync/runs/{runId}", token, null, cancellationToken);
            if (readStatus != 200 || report is not { } run)
            {
                return Problem(problems, $"read {readStatus}");
            }

            var outcome = run.GetProperty("outcome").GetString();
            if (outcome == "running")
            {
                continue;
            }

            return outcome == "succeeded"
                ? run.GetProperty("counts").EnumerateObject().Aggregate(RunCounts.Zero, (sum, type) => sum + RunCounts.From(type.Value))
                : Problem(problems, $"run {outcome}: {Error(run)}");
        }

        return Problem(problems, "run timed out");
    }

    private static string Error(System.Text.Json.JsonElement run)
    {
        var error = (run.TryGetProperty("errorCode", out var code) ? code + " " : "") + (run.TryGetProperty("error", out var value) ? value.ToString() : "");
        return error.Length > 120 ? error[..120] : error;
    }

    private static RunCounts? Problem(ConcurrentDictionary<string, int> problems, string problem)
    {
        if (problems.AddOrUpdate(problem, 1, (_, count) => count + 1) == 1)
        {
            Log.Info($"scale cluster: a sync failed: {problem}");
        }

        return null;
    }

    private static string Token(BenchmarkEnvironment environment, HotPathPair pair) =>
        environment.Token("admin-1", pair.Pair.PrimaryTenantId, Permissions.SyncEdit);

    private static ParallelOptions Options(ScaleSettings settings, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = settings.SyncParallelism, CancellationToken = cancellationToken };
}
