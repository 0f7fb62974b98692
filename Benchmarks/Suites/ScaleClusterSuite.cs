using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The cluster at scale (<c>scale cluster</c>): many pairs and as many users as the loading budget allows on the loopback
/// cluster (<see cref="ScaleCluster"/>); every pair's sync, first and with nothing changed; then a storm of switches spread
/// over both Api nodes while logins go on, and each switched pair's epoch checked against its audit trail.
/// </summary>
internal static class ScaleClusterSuite
{
    /// <summary>The nodes' <c>PairState:MaxAge</c> (the shipped default; the suite does not set it).</summary>
    private static readonly TimeSpan PairStateMaxAge = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var settings = options.Scale with { Quick = options.Quick };
        var results = new ScaleClusterResults();
        Log.Info($"scale cluster: starting 2 Api nodes + 1 headless silo on Azurite (mutual TLS); {settings.KeptBoundNote}");
        await using var cluster = await ScaleCluster.StartAsync(environment, settings.ApiSettings(), cancellationToken);
        var nodes = cluster.ApiNodes.Select(node => ApiCalls.CreateClient(node.BaseAddress, null)).ToArray();
        var operatorToken = environment.Token("operator-1", "ops", Permissions.Setup);
        var operators = cluster.ApiNodes.Select(node => ApiCalls.CreateClient(node.BaseAddress, operatorToken)).ToArray();
        var loginToken = environment.Token("login-service", "ops", Permissions.LoginRead);
        var logins = cluster.ApiNodes.Select(node => ApiCalls.CreateClient(node.BaseAddress, loginToken)).ToArray();
        try
        {
            var stores = new ObjectStoreProvider(Options.Create(cluster.Storage));
            var loader = new ScaleLoader(operators, settings.LoadParallelism, ScaleBlobSink.For(stores, settings.LoadParallelism));
            var stopwatch = Stopwatch.StartNew();
            var pairs = await loader.CreatePairsAsync(settings.ClusterPairs, cancellationToken);
            results.Pairs = pairs.Length;
            results.PairsTime = stopwatch.Elapsed;
            results.PairsMadeAgain = loader.PairsMadeAgain;
            stopwatch.Restart();
            var usersPerPair = Math.Max(1, settings.ClusterUsers / pairs.Length);
            results.PairsWithUsers = await loader.LoadUsersAsync(pairs, usersPerPair, 0, Math.Max(1, 2_000 / usersPerPair), settings.LoadBudget, cancellationToken);
            results.UsersTime = stopwatch.Elapsed;
            var users = pairs.SelectMany(pair => pair.Users).ToArray();
            results.Users = users.Length;
            Log.Info($"scale cluster: {results.Users:N0} users on {results.PairsWithUsers:N0} of {pairs.Length:N0} pairs in {results.UsersTime.TotalSeconds:0} s");
            Measure(cluster, results.RssLoaded);

            await ScaleClusterSync.RunAsync(environment, nodes, pairs, settings, cluster, results, cancellationToken);
            var storm = pairs.Take(settings.Storm).ToArray();
            var initialEpochs = await EpochsAsync(operators, storm, cancellationToken);
            await StormAsync(environment, nodes, logins, storm, users, settings, results, cancellationToken);
            (results.EpochsMatching, _, results.EpochProblems) = await CheckEpochsAsync(operators, storm, initialEpochs, cancellationToken);
            if (results.EpochsMatching != results.Storm)
            {
                // A node not told of a switch (its commit's answer lost) reads the pair again after PairState:MaxAge (5 s):
                // a status behind its audit has caught up by then, a pair that differs still is inconsistent.
                await Task.Delay(PairStateMaxAge + TimeSpan.FromSeconds(1), cancellationToken);
                (_, results.ConsistentLater, results.InconsistentLater) = await CheckEpochsAsync(operators, storm, initialEpochs, cancellationToken);
                Log.Info($"scale cluster: {results.ConsistentLater:N0}/{storm.Length:N0} pairs' epochs agree with their audit {Format.Seconds(PairStateMaxAge + TimeSpan.FromSeconds(1))} later");
            }

            Measure(cluster, results.RssAfterStorm);
            foreach (var (name, processId, _) in cluster.Processes)
            {
                results.PeakOverall[name] = ProcessMemory.Peak(processId);
            }

            report.Add(ScaleClusterReport.Build(settings, results));
            if (results.StormServerErrors > 0 || results.EpochsMatching != results.Storm)
            {
                throw new InvalidOperationException($"The storm got {results.StormServerErrors} × 5xx and {results.Storm - results.EpochsMatching} pairs whose epoch does not match the audit (see its section).");
            }
        }
        finally
        {
            foreach (var client in nodes.Concat(operators).Concat(logins))
            {
                client.Dispose();
            }
        }
    }

    private static void Measure(ScaleCluster cluster, Dictionary<string, long?> into)
    {
        foreach (var (name, processId, _) in cluster.Processes)
        {
            into[name] = ProcessMemory.Rss(processId);
        }
    }

    /// <summary>The first <see cref="ScaleSettings.Storm"/> pairs switched to BCP at a fixed rate within the window, alternating the nodes; logins on both nodes meanwhile.</summary>
    private static async Task StormAsync(
        BenchmarkEnvironment environment, HttpClient[] nodes, HttpClient[] logins, HotPathPair[] storm, HotPathUser[] users, ScaleSettings settings,
        ScaleClusterResults results, CancellationToken cancellationToken)
    {
        results.Storm = storm.Length;
        var problems = new ConcurrentDictionary<string, int>();
        var serverErrors = 0;
        Log.Info($"scale cluster: storm of {storm.Length:N0} switches within {Format.Seconds(settings.StormWindow)}, logins at {Format.Rate(settings.StormLoginRate)}/s");
        var draw = new Random(17);
        var loginUsers = users.Length == 0 ? [] : Enumerable.Range(0, (int)(settings.StormLoginRate * settings.StormWindow.TotalSeconds)).Select(_ => users[draw.Next(users.Length)]).ToArray();
        var loginServerErrors = 0;
        var loginRun = users.Length == 0 ? Task.FromResult<OpenLoopResult?>(null) : RunLoginsAsync();
        var stopwatch = Stopwatch.StartNew();
        results.StormRun = await FixedRate.RunAsync(storm.Length, storm.Length / settings.StormWindow.TotalSeconds, async (k, token) =>
        {
            var pair = storm[k].Pair;
            var (status, body) = await ScaleCalls.SendAsync(nodes[k % nodes.Length], HttpMethod.Put, $"/tenant-pairs/{pair.PairId}/active-side",
                environment.Token("admin-1", pair.PrimaryTenantId, Permissions.ActivationEdit), new { side = "bcp", passkey = pair.Passkey }, token);
            var outcome = body is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("outcome", out var value) ? value.GetString() : null;
            if (status >= 500)
            {
                Interlocked.Increment(ref serverErrors);
            }

            if (status != 200 || outcome != "switched")
            {
                problems.AddOrUpdate($"{status} {outcome}", 1, (_, count) => count + 1);
                return false;
            }

            return true;
        }, cancellationToken);
        results.StormCompletion = stopwatch.Elapsed;
        results.StormServerErrors = serverErrors;
        results.StormProblems = ScaleEmbeddedSuite.Describe(problems);
        results.StormLogins = await loginRun;
        results.StormLoginServerErrors = loginServerErrors;
        Log.Info($"scale cluster: storm done in {results.StormCompletion.TotalSeconds:0.0} s, p99 {Format.Ms(SampleStatistics.Percentile(results.StormRun.LatenciesMs, 99))} ms, " +
            $"{serverErrors} × 5xx, {results.StormRun.Errors} not switched");

        async Task<OpenLoopResult?> RunLoginsAsync() =>
            await FixedRate.RunAsync(loginUsers.Length, settings.StormLoginRate, async (k, token) =>
            {
                var status = await ScaleLogin.StatusAsync(logins[k % logins.Length], loginUsers[k], token);
                if (status >= 500)
                {
                    Interlocked.Increment(ref loginServerErrors);
                }

                return status is >= 200 and < 300;
            }, cancellationToken);
    }

    private static async Task<long[]> EpochsAsync(HttpClient[] operators, HotPathPair[] pairs, CancellationToken cancellationToken)
    {
        var epochs = new long[pairs.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, pairs.Length), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (k, token) =>
            epochs[k] = (await ApiCalls.GetStatusAsync(operators[k % operators.Length], pairs[k].Pair.PairId, token)).GetProperty("epoch").GetInt64());
        return epochs;
    }

    /// <summary>
    /// Each pair of the storm afterwards: switched (its epoch moved by exactly the switches its audit trail records, and it
    /// shows the BCP side), consistent (its epoch moved by exactly its audited switches, switched or not), and what was
    /// wrong with the others.
    /// </summary>
    private static async Task<(int Switched, int Consistent, string Problems)> CheckEpochsAsync(
        HttpClient[] operators, HotPathPair[] storm, long[] initialEpochs, CancellationToken cancellationToken)
    {
        var matching = 0;
        var consistent = 0;
        var problems = new ConcurrentDictionary<string, int>();
        await Parallel.ForEachAsync(Enumerable.Range(0, storm.Length), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (k, token) =>
        {
            var client = operators[k % operators.Length];
            var pair = storm[k].Pair;
            JsonElement status, audit;
            try
            {
                status = await ApiCalls.GetStatusAsync(client, pair.PairId, token);
                using var response = await client.GetAsync($"/tenant-pairs/{pair.PairId}/audit?limit=500", token);
                audit = await ApiCalls.ExpectAsync(response, System.Net.HttpStatusCode.OK, "GET audit", token);
            }
            catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TaskCanceledException && !token.IsCancellationRequested)
            {
                // A read that fails is a pair not shown to match: counted, and the other pairs still checked.
                var message = ex.Message.Split(':')[0];
                problems.AddOrUpdate($"status or audit unreadable ({message})", 1, (_, count) => count + 1);
                return;
            }

            var switches = audit.EnumerateArray().Count(entry => entry.GetProperty("action").GetString() == "switch" && entry.GetProperty("outcome").GetString() == "switched");
            var epoch = status.GetProperty("epoch").GetInt64();
            var side = status.GetProperty("activeSide").GetString();
            // Each audited switch adds exactly one to the epoch (docs/api.md, "Switching is idempotent").
            var agrees = epoch - initialEpochs[k] == switches && side == (switches % 2 == 1 ? "bcp" : "primary");
            if (agrees)
            {
                Interlocked.Increment(ref consistent);
            }

            if (epoch - initialEpochs[k] == switches && side == "bcp")
            {
                Interlocked.Increment(ref matching);
            }
            else
            {
                var kind = agrees ? "not switched" : "INCONSISTENT";
                problems.AddOrUpdate($"{kind}: epoch {epoch} from {initialEpochs[k]}, {switches} audited switches, side {side}", 1, (_, count) => count + 1);
            }
        });
        Log.Info($"scale cluster: {matching:N0}/{storm.Length:N0} switched pairs' epochs match their audit");
        return (matching, consistent, ScaleEmbeddedSuite.Describe(problems));
    }
}
