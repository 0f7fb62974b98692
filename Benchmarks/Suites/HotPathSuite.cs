using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The hottest read paths (docs/api.md, "Login options and voice routing") on SQLite with many pairs loaded:
/// login options and voice routing at maximum rate against <c>/alive</c> on the same host (wrk, interleaved rounds), p99 at
/// half that rate (open loop), a login herd right after a real switch with every answer checked,
/// and the host's memory once every username has been asked for.
/// </summary>
internal static class HotPathSuite
{
    public const string Alive = "GET /alive";
    public const string Login = "GET /login/options";
    public const string Routing = "GET /routing/voice";
    public const string BaselineSuffix = " (baseline)";

    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var settings = new HotPathSettings(options.Quick);
        var results = new HotPathResults();
        Log.Info("hotpaths: starting an Api on SQLite of its own");
        var storage = await environment.NewStorageAsync(StoreKind.Sqlite, "hotpaths", cancellationToken);
        var api = await environment.StartApiAsync("api-hotpaths", storage, null, cancellationToken);
        results.ApiProcessId = api.ProcessId;
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var loginToken = environment.Token("login-service", "ops", Permissions.LoginRead);
        using var loginClient = ApiCalls.CreateClient(api.BaseAddress, loginToken);
        using var anonymousClient = ApiCalls.CreateClient(api.BaseAddress, null);

        var pairs = await LoadAsync(storage, operatorClient, settings, results, cancellationToken);
        var users = pairs.SelectMany(pair => pair.Users).ToArray();
        var addresses = pairs.SelectMany(pair => pair.VoiceAddresses).ToArray();
        results.RssLoaded = ProcessMemory.Rss(api.ProcessId);

        await MissThenHitAsync(loginClient, users, settings, results, cancellationToken);
        await AskEveryUserAsync(api, loginClient, users, settings, results, cancellationToken);

        var endpoints = Endpoints(api, loginToken, loginClient, anonymousClient, users, addresses, "");
        await using var baseline = options.BaselineApiFolder is { } baselineFolder
            ? await StartBaselineAsync(environment, baselineFolder, settings, cancellationToken)
            : null;
        using var baselineLogin = baseline is null ? null : ApiCalls.CreateClient(baseline.Api.BaseAddress, loginToken);
        using var baselineAnonymous = baseline is null ? null : ApiCalls.CreateClient(baseline.Api.BaseAddress, null);
        if (baseline is not null)
        {
            results.HasBaseline = true;
            endpoints.AddRange(Endpoints(baseline.Api, loginToken, baselineLogin!, baselineAnonymous!,
                baseline.Pairs.SelectMany(pair => pair.Users).ToArray(), baseline.Pairs.SelectMany(pair => pair.VoiceAddresses).ToArray(), BaselineSuffix));
        }

        var (wrk, wrkNote) = await Wrk.LocateAsync(cancellationToken);
        results.Generator = wrk is null
            ? $"{wrkNote}; fell back to the harness's closed-loop HttpClient ({settings.Connections} workers)"
            : $"wrk ({wrkNote}; 2 threads, {settings.Connections} connections, Lua script rotating over the paths)";
        Log.Info($"hotpaths: load generator: {results.Generator}");
        async Task<HotPathRound> RunOnceAsync(HotPathEndpoint endpoint, TimeSpan duration)
        {
            var host = endpoint.Api;
            var allocated = await GcAllocated.ReadAsync(endpoint.Client, cancellationToken);
            var cpu = host.TotalProcessorTime;
            var load = wrk is not null
                ? await wrk.RunAsync(host.BaseAddress, endpoint.Token, endpoint.Paths, settings.Connections, duration, environment.Temp.Path, cancellationToken)
                : await ClosedLoopAsync(endpoint.Client, endpoint.Paths, settings.Connections, duration, cancellationToken);
            // Read before the second scrape of /metrics, which is not the round's work.
            var cpuUsed = host.TotalProcessorTime - cpu;
            var round = new HotPathRound(load, cpuUsed, await GcAllocated.ReadAsync(endpoint.Client, cancellationToken) - allocated);
            host.EnsureRunning();
            return round;
        }

        foreach (var endpoint in endpoints)
        {
            Log.Info($"hotpaths: warm-up {endpoint.Name}");
            await RunOnceAsync(endpoint, settings.Warmup);
            results.Rounds[endpoint.Name] = [];
        }

        for (var round = 0; round < settings.Rounds; round++)
        {
            // Alternate the order, so a drift in the shared machine's load does not favour one endpoint.
            foreach (var endpoint in round % 2 == 0 ? endpoints : Enumerable.Reverse(endpoints))
            {
                var result = await RunOnceAsync(endpoint, settings.RoundDuration);
                results.Rounds[endpoint.Name].Add(result);
                Log.Info($"hotpaths: round {round + 1}/{settings.Rounds} {endpoint.Name}: {Format.Rate(result.PerSecond)} req/s, " +
                    $"p99 {Format.Ms(result.Load.P99Ms)} ms, {result.Load.Errors} errors");
            }
        }

        // Half rate and the herd on the current build only: the baseline is there for the max-rate rounds.
        foreach (var endpoint in endpoints.Where(endpoint => !endpoint.Name.EndsWith(BaselineSuffix, StringComparison.Ordinal)))
        {
            var rate = SampleStatistics.Median(results.Rounds[endpoint.Name].Select(round => round.PerSecond)) / 2;
            var count = (int)(rate * settings.HalfRateDuration.TotalSeconds);
            var paths = endpoint.Paths;
            var result = await FixedRate.RunAsync(count, rate, async (k, token) =>
            {
                using var response = await endpoint.Client.GetAsync(paths[k % paths.Length], token);
                return response.StatusCode == HttpStatusCode.OK;
            }, cancellationToken);
            results.HalfRate[endpoint.Name] = (rate, result);
            Log.Info($"hotpaths: {endpoint.Name} at {Format.Rate(rate)}/s open loop: p99 {Format.Ms(SampleStatistics.Percentile(result.LatenciesMs, 99))} ms, {result.Errors} errors");
        }

        await HerdAsync(environment, api, loginClient, pairs[0], settings, results, cancellationToken);
        results.RssAtEnd = ProcessMemory.Rss(api.ProcessId);
        results.PeakOverall = ProcessMemory.Peak(api.ProcessId);
        await api.DisposeAsync();
        results.KeptLoginUsers = settings.Pairs * settings.UsersPerPairForMemory;
        (results.KeptLoginBytes, results.KeptLoginWeight) = KeptLoginMemory.Unbounded(settings.Pairs, settings.UsersPerPairForMemory);
        var bound = settings.BoundedLoginBytes;
        var (heap, most) = KeptLoginMemory.Bounded(bound, settings.BoundedLoginUsernames);
        results.BoundedLogins = (bound, settings.BoundedLoginUsernames, heap, most);
        report.Add(HotPathReport.Build(settings, results));
    }

    /// <summary>The three endpoints of one host: <c>/alive</c>, and login and routing over every loaded username and number in a shuffled order.</summary>
    private static List<HotPathEndpoint> Endpoints(
        ApiServer api, string loginToken, HttpClient loginClient, HttpClient anonymousClient, HotPathUser[] users, string[] addresses, string suffix)
    {
        // Many keys in an order that mixes pairs, so neither the cache nor one pair's grain is all a run touches.
        var shuffle = new Random(7);
        var loginPaths = users.Select(user => "/login/options?username=" + Uri.EscapeDataString(user.Username)).OrderBy(_ => shuffle.Next()).ToArray();
        var routingPaths = addresses.Select(address => "/routing/voice?address=" + Uri.EscapeDataString(address)).OrderBy(_ => shuffle.Next()).ToArray();
        return
        [
            new(Alive + suffix, api, null, anonymousClient, ["/alive"]),
            new(Login + suffix, api, loginToken, loginClient, loginPaths),
            new(Routing + suffix, api, loginToken, loginClient, routingPaths),
        ];
    }

    /// <summary>Another build (<c>--baseline-api</c>) on a SQLite file of its own, loaded and asked for every username like the current one.</summary>
    private static async Task<HotPathBaseline> StartBaselineAsync(
        BenchmarkEnvironment environment, string folder, HotPathSettings settings, CancellationToken cancellationToken)
    {
        Log.Info($"hotpaths: starting the baseline Api from {folder}");
        var storage = await environment.NewStorageAsync(StoreKind.Sqlite, "hotpaths-baseline", cancellationToken);
        var api = await environment.StartApiAsync("api-hotpaths-baseline", storage, folder, cancellationToken);
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        using var loginClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("login-service", "ops", Permissions.LoginRead));
        var scratch = new HotPathResults();
        var pairs = await LoadAsync(storage, operatorClient, settings, scratch, cancellationToken);
        await AskEveryUserAsync(api, loginClient, pairs.SelectMany(pair => pair.Users).ToArray(), settings, scratch, cancellationToken);
        return new HotPathBaseline(api, pairs);
    }

    private static async Task<List<HotPathPair>> LoadAsync(
        ApiStorage storage, HttpClient operatorClient, HotPathSettings settings, HotPathResults results, CancellationToken cancellationToken)
    {
        // The harness's own view of the host's data: the same SQLite file, through the product's store provider.
        var stores = new ObjectStoreProvider(Options.Create(new StorageOptions { Default = storage.Options }));
        var loader = new HotPathLoader(stores, operatorClient, settings.LoadParallelism);
        var pairs = new List<HotPathPair>();
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < settings.Pairs; i++)
        {
            pairs.Add(await loader.LoadAsync(i, i == 0 ? settings.LargeTenant : settings.SmallTenant, cancellationToken));
            if (i == 0 || (i + 1) % 10 == 0)
            {
                Log.Info($"hotpaths: {i + 1}/{settings.Pairs} pairs loaded, {pairs.Sum(pair => pair.Users.Count):N0} users, {stopwatch.Elapsed.TotalSeconds:0} s");
            }
        }

        results.LoadTime = stopwatch.Elapsed;
        results.Pairs = pairs.Count;
        results.Users = pairs.Sum(pair => pair.Users.Count);
        results.VoiceAddresses = pairs.Sum(pair => pair.VoiceAddresses.Count);
        results.LargeTenantUsers = pairs[0].Users.Count;
        return pairs;
    }

    /// <summary>
    /// What a username not kept costs: the last loaded usernames one at a time, each asked twice back to back — first not kept
    /// (its claim and user read from the store), then kept — so both see the same moment of the shared machine.
    /// </summary>
    private static async Task MissThenHitAsync(HttpClient client, HotPathUser[] users, HotPathSettings settings, HotPathResults results, CancellationToken cancellationToken)
    {
        var count = Math.Min(settings.MissThenHitUsers, users.Length);
        var miss = new double[count];
        var hit = new double[count];
        for (var k = 0; k < count; k++)
        {
            var user = users[users.Length - 1 - k];
            foreach (var latencies in new[] { miss, hit })
            {
                var start = Stopwatch.GetTimestamp();
                if (await AskAsync(client, user, "primary", cancellationToken) is not null)
                {
                    results.MissThenHitWrong++;
                }

                latencies[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        (results.MissLatencies, results.HitLatencies) = (miss, hit);
        Log.Info($"hotpaths: {count} usernames not kept, then kept: p50 {Format.Ms(SampleStatistics.Median(miss))} / {Format.Ms(SampleStatistics.Median(hit))} ms");
    }

    /// <summary>Every loaded username once (primary side active everywhere), each answer checked; the memory after is the "all cached" figure.</summary>
    private static async Task AskEveryUserAsync(
        ApiServer api, HttpClient client, HotPathUser[] users, HotPathSettings settings, HotPathResults results, CancellationToken cancellationToken)
    {
        Log.Info($"hotpaths: asking for every one of {users.Length:N0} usernames once");
        ProcessMemory.TryResetPeak(api.ProcessId);
        results.EveryUserPass = await AskEachOnceAsync(client, users, settings, cancellationToken);
        results.EveryUserWrong = results.EveryUserPass.Errors;
        results.RssAfterEveryUser = ProcessMemory.Rss(api.ProcessId);
        results.PeakDuringEveryUser = ProcessMemory.Peak(api.ProcessId);
        Log.Info($"hotpaths: every user asked in {results.EveryUserPass.Elapsed.TotalSeconds:0.0} s, {results.EveryUserWrong} wrong; RSS {results.RssAfterEveryUser / 1048576} MB");

        // Again, in the same order: kept now (each answer from memory), unless the host's bound is too small to hold them all.
        results.EveryUserAgain = await AskEachOnceAsync(client, users, settings, cancellationToken);
        results.RssAfterAgain = ProcessMemory.Rss(api.ProcessId);
        Log.Info($"hotpaths: every user asked again in {results.EveryUserAgain.Elapsed.TotalSeconds:0.0} s, {results.EveryUserAgain.Errors} wrong; RSS {results.RssAfterAgain / 1048576} MB");
    }

    /// <summary>Every username once (primary side active), each answer checked and timed; errors are the wrong answers.</summary>
    private static async Task<LoadResult> AskEachOnceAsync(HttpClient client, HotPathUser[] users, HotPathSettings settings, CancellationToken cancellationToken)
    {
        var wrong = 0;
        var latencies = new double[users.Length];
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, users.Length), new ParallelOptions { MaxDegreeOfParallelism = settings.Connections, CancellationToken = cancellationToken }, async (k, token) =>
        {
            var start = Stopwatch.GetTimestamp();
            if (await AskAsync(client, users[k], "primary", token) is not null)
            {
                Interlocked.Increment(ref wrong);
            }

            latencies[k] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        });
        return new LoadResult(users.Length - wrong, wrong, stopwatch.Elapsed, latencies, null);
    }

    /// <summary>Switch the large pair to its BCP side, then its users log in at once: distinct usernames at a fixed rate, every answer checked.</summary>
    private static async Task HerdAsync(
        BenchmarkEnvironment environment, ApiServer api, HttpClient client, HotPathPair pair, HotPathSettings settings, HotPathResults results, CancellationToken cancellationToken)
    {
        var herd = pair.Users.Take(settings.HerdUsers).OrderBy(_ => Random.Shared.Next()).ToArray();
        foreach (var group in herd.GroupBy(user => user.BcpType))
        {
            results.HerdTypes[group.Key] = group.Count();
        }

        using var admin = ApiCalls.CreateClient(api.BaseAddress, environment.Token("admin-1", pair.Pair.PrimaryTenantId, Permissions.ActivationEdit));
        Log.Info($"hotpaths: switching {pair.Pair.PairId} to bcp, then {herd.Length:N0} logins within {Format.Seconds(settings.HerdWindow)}");
        var start = Stopwatch.GetTimestamp();
        using (var response = await admin.PutAsJsonAsync($"/tenant-pairs/{pair.Pair.PairId}/active-side", new { side = "bcp", passkey = pair.Pair.Passkey }, cancellationToken))
        {
            var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "PUT active-side", cancellationToken);
            if (body.GetProperty("outcome").GetString() != "switched")
            {
                throw new InvalidOperationException($"The switch did not switch: {body}");
            }
        }

        results.SwitchMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        results.Herd = await FixedRate.RunAsync(herd.Length, herd.Length / settings.HerdWindow.TotalSeconds, async (k, token) =>
        {
            var problem = await AskAsync(client, herd[k], "bcp", token);
            if (problem is not null)
            {
                lock (results.HerdProblems)
                {
                    results.HerdProblems[problem] = results.HerdProblems.GetValueOrDefault(problem) + 1;
                }
            }

            return problem is null;
        }, cancellationToken);
        Log.Info($"hotpaths: herd p99 {Format.Ms(SampleStatistics.Percentile(results.Herd.LatenciesMs, 99))} ms, {results.Herd.Errors} wrong or failed");
    }

    /// <summary>Null when the answer is a 200 with the right options; otherwise the kind of problem (grouped in the report).</summary>
    private static async Task<string?> AskAsync(HttpClient client, HotPathUser user, string activeSide, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await client.GetAsync("/login/options?username=" + Uri.EscapeDataString(user.Username), cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return $"HTTP {(int)response.StatusCode}";
            }

            using var json = JsonDocument.Parse(text);
            return LoginAnswerCheck.Problem(user, activeSide, json.RootElement) is { } problem ? $"{user.BcpType}: {problem.Split(',')[0]}" : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException && !cancellationToken.IsCancellationRequested)
        {
            return ex.GetType().Name;
        }
    }

    private static async Task<WrkResult> ClosedLoopAsync(HttpClient client, string[] paths, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var next = 0;
        var load = await ClosedLoop.RunAsync(workers, duration, async (_, token) =>
        {
            using var response = await client.GetAsync(paths[(int)((uint)Interlocked.Increment(ref next) % paths.Length)], token);
            return response.StatusCode == HttpStatusCode.OK;
        }, cancellationToken);
        return new WrkResult(load.PerSecond, load.Operations, SampleStatistics.Median(load.LatenciesMs), SampleStatistics.Percentile(load.LatenciesMs, 99), load.Errors, 0);
    }
}
