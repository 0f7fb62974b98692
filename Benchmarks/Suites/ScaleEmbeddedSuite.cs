using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The embedded default at scale (<c>scale embedded</c>): one Api on SQLite with many users over many pairs, written
/// straight into its store; the Api's memory before and after every user logged in once, login latency at a fixed rate
/// with users drawn uniformly (mostly cold), and a herd of logins right after many pairs switched, every answer checked.
/// </summary>
internal static class ScaleEmbeddedSuite
{
    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var settings = options.Scale with { Quick = options.Quick };
        var results = new ScaleEmbeddedResults { Users = settings.EmbeddedUsers, Pairs = settings.EmbeddedPairs };
        Log.Info($"scale embedded: an Api on SQLite of its own; {settings.EmbeddedUsers:N0} users over {settings.EmbeddedPairs:N0} pairs; {settings.KeptBoundNote}");
        var storage = await environment.NewStorageAsync(StoreKind.Sqlite, "scale", cancellationToken);
        await using var api = await environment.StartApiAsync("api-scale", storage, null, cancellationToken, settings.ApiSettings());
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        using var loginClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("login-service", "ops", Permissions.LoginRead));
        results.RssStarted = ProcessMemory.Rss(api.ProcessId);

        var loader = new ScaleLoader([operatorClient], settings.LoadParallelism, ScaleSqliteSink.For(storage.Options.Path));
        var stopwatch = Stopwatch.StartNew();
        var pairs = await loader.CreatePairsAsync(settings.EmbeddedPairs, cancellationToken);
        results.PairsTime = stopwatch.Elapsed;
        results.PairsMadeAgain = loader.PairsMadeAgain;
        stopwatch.Restart();
        await loader.LoadUsersAsync(pairs, settings.EmbeddedUsers / pairs.Length, settings.EmbeddedUsers % pairs.Length, settings.PairsPerBatch,
            TimeSpan.MaxValue, cancellationToken);
        results.UsersTime = stopwatch.Elapsed;
        var users = pairs.SelectMany(pair => pair.Users).ToArray();
        results.Users = users.Length;
        results.DatabaseBytes = new FileInfo(storage.Options.Path).Length + (File.Exists(storage.Options.Path + "-wal") ? new FileInfo(storage.Options.Path + "-wal").Length : 0);
        results.RssLoaded = ProcessMemory.Rss(api.ProcessId);
        results.GcLoaded = await GcMemory.ReadAsync(operatorClient, cancellationToken);
        Log.Info($"scale embedded: {users.Length:N0} users loaded in {results.UsersTime.TotalSeconds:0} s (pairs {results.PairsTime.TotalSeconds:0} s); RSS {Megabytes(results.RssLoaded)}");

        // Uniform draws over every user, before any was asked: most answers need a store read (cold). First a fifth of the
        // rate, which a shared 2-core machine sustains, so the latency at a rate that does not queue is there too.
        var draw = new Random(11);
        var gentle = Enumerable.Range(0, (int)(settings.LoginRate / 5 * settings.LoginDuration.TotalSeconds)).Select(_ => users[draw.Next(users.Length)]).ToArray();
        (results.ColdGentle, results.ColdGentleFailures) = await FixedRateLoginsAsync(loginClient, gentle, settings.LoginRate / 5, cancellationToken);
        var cold = Enumerable.Range(0, (int)(settings.LoginRate * settings.LoginDuration.TotalSeconds)).Select(_ => users[draw.Next(users.Length)]).ToArray();
        results.ColdDistinct = cold.Distinct().Count();
        (results.Cold, results.ColdFailures) = await FixedRateLoginsAsync(loginClient, cold, settings.LoginRate, cancellationToken);
        api.EnsureRunning();
        Log.Info($"scale embedded: cold logins at {settings.LoginRate:N0}/s: p99 {Format.Ms(SampleStatistics.Percentile(results.Cold.LatenciesMs, 99))} ms, {results.Cold.Errors} non-2xx");

        ProcessMemory.TryResetPeak(api.ProcessId);
        stopwatch.Restart();
        var wrong = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(users, new ParallelOptions { MaxDegreeOfParallelism = settings.Connections, CancellationToken = cancellationToken }, async (user, token) =>
        {
            if (await ScaleLogin.AskAsync(loginClient, user, "primary", token) is { } problem)
            {
                wrong.AddOrUpdate(problem, 1, (_, count) => count + 1);
            }
        });
        results.EveryUserTime = stopwatch.Elapsed;
        results.EveryUserWrong = wrong.Values.Sum();
        results.EveryUserProblems = Describe(wrong);
        results.RssAfterEveryUser = ProcessMemory.Rss(api.ProcessId);
        results.PeakDuringEveryUser = ProcessMemory.Peak(api.ProcessId);
        results.GcAfterEveryUser = await GcMemory.ReadAsync(operatorClient, cancellationToken);
        Log.Info($"scale embedded: every user asked once in {results.EveryUserTime.TotalSeconds:0} s, {results.EveryUserWrong} wrong; RSS {Megabytes(results.RssAfterEveryUser)}");

        var warm = Enumerable.Range(0, cold.Length).Select(_ => users[draw.Next(users.Length)]).ToArray();
        (results.Warm, results.WarmFailures) = await FixedRateLoginsAsync(loginClient, warm, settings.LoginRate, cancellationToken);
        api.EnsureRunning();

        await SwitchAndHerdAsync(environment, api, loginClient, pairs, settings, results, cancellationToken);
        results.RssAtEnd = ProcessMemory.Rss(api.ProcessId);
        results.PeakOverall = ProcessMemory.Peak(api.ProcessId);
        results.GcAtEnd = await GcMemory.ReadAsync(operatorClient, cancellationToken);
        report.Add(ScaleEmbeddedReport.Build(settings, results));
    }

    private static async Task SwitchAndHerdAsync(
        BenchmarkEnvironment environment, ApiServer api, HttpClient loginClient, HotPathPair[] pairs, ScaleSettings settings, ScaleEmbeddedResults results,
        CancellationToken cancellationToken)
    {
        var switched = pairs.Where(pair => pair.Users.Count > 0).Take(settings.HerdPairs).ToArray();
        Log.Info($"scale embedded: switching {switched.Length:N0} pairs to bcp");
        var stopwatch = Stopwatch.StartNew();
        var switchLatencies = new ConcurrentBag<double>();
        await Parallel.ForEachAsync(switched, new ParallelOptions { MaxDegreeOfParallelism = settings.LoadParallelism, CancellationToken = cancellationToken }, async (pair, token) =>
        {
            using var admin = ApiCalls.CreateClient(api.BaseAddress, environment.Token("admin-1", pair.Pair.PrimaryTenantId, Permissions.ActivationEdit));
            var started = Stopwatch.GetTimestamp();
            using var response = await admin.PutAsJsonAsync($"/tenant-pairs/{pair.Pair.PairId}/active-side", new { side = "bcp", passkey = pair.Pair.Passkey }, token);
            var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "PUT active-side", token);
            switchLatencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (body.GetProperty("outcome").GetString() != "switched")
            {
                throw new InvalidOperationException($"The switch of {pair.Pair.PairId} did not switch: {body}");
            }
        });
        results.SwitchTime = stopwatch.Elapsed;
        results.SwitchLatenciesMs = [.. switchLatencies];

        var shuffle = new Random(13);
        var herd = switched.SelectMany(pair => pair.Users).OrderBy(_ => shuffle.Next()).Take(settings.HerdLogins).ToArray();
        var problems = new ConcurrentDictionary<string, int>();
        var nonSuccess = 0;
        Log.Info($"scale embedded: herd of {herd.Length:N0} logins within {Format.Seconds(settings.HerdWindow)}");
        var herdClock = Stopwatch.StartNew();
        results.Herd = await FixedRate.RunAsync(herd.Length, herd.Length / settings.HerdWindow.TotalSeconds, async (k, token) =>
        {
            var problem = await ScaleLogin.AskAsync(loginClient, herd[k], "bcp", token);
            if (problem is not null)
            {
                problems.AddOrUpdate(problem, 1, (_, count) => count + 1);
                if (problem.StartsWith("HTTP ", StringComparison.Ordinal) || !problem.Contains(':', StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref nonSuccess);
                }
            }

            return problem is null;
        }, cancellationToken);
        results.HerdNonSuccess = nonSuccess;
        results.HerdProblems = Describe(problems);
        results.HerdCompletion = herdClock.Elapsed;
        Log.Info($"scale embedded: herd p99 {Format.Ms(SampleStatistics.Percentile(results.Herd.LatenciesMs, 99))} ms, {results.Herd.Errors} wrong or failed");
    }

    /// <summary>Logins at a fixed rate, answers counted by status (or the exception that took the place of one).</summary>
    private static async Task<(OpenLoopResult Run, string Failures)> FixedRateLoginsAsync(
        HttpClient client, HotPathUser[] users, double rate, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentDictionary<string, int>();
        var run = await FixedRate.RunAsync(users.Length, rate, async (k, token) =>
        {
            string failure;
            try
            {
                var status = await ScaleLogin.StatusAsync(client, users[k], token);
                if (status is >= 200 and < 300)
                {
                    return true;
                }

                failure = $"HTTP {status}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
            {
                failure = ex is TaskCanceledException ? "no answer within the client's 60 s" : ex.GetType().Name;
            }

            failures.AddOrUpdate(failure, 1, (_, count) => count + 1);
            return false;
        }, cancellationToken);
        return (run, Describe(failures));
    }

    public static string Describe(ConcurrentDictionary<string, int> problems) =>
        problems.IsEmpty ? "" : string.Join("; ", problems.OrderByDescending(entry => entry.Value).Take(5).Select(entry => $"{entry.Key} × {entry.Value}"));

    public static string Megabytes(long? bytes) => bytes is { } value ? $"{value / 1048576.0:N0} MB" : "n/a";
}
