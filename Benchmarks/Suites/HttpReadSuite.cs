using System.Diagnostics;
using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Read throughput of the pair status (authenticated member, JWT validation, grain call, JSON) against
/// <c>/alive</c> (no auth, no grain) on the same host: the ratio is what the product adds to Kestrel's floor.
/// </summary>
internal static class HttpReadSuite
{
    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        Log.Info("http: starting the Api on SQLite");
        var clients = new List<HttpClient>();
        try
        {
            var targets = new List<HttpTarget>();
            targets.AddRange(await PrepareAsync(environment, "current", await environment.GetApiAsync(StoreKind.Sqlite, cancellationToken), clients, cancellationToken));
            if (options.BaselineApiFolder is { } baselineFolder)
            {
                Log.Info($"http: starting the baseline Api from {baselineFolder}");
                var storage = await environment.NewStorageAsync(StoreKind.Sqlite, "api-baseline", cancellationToken);
                var baseline = await environment.StartApiAsync("api-baseline", storage, baselineFolder, cancellationToken);
                targets.AddRange(await PrepareAsync(environment, "baseline", baseline, clients, cancellationToken));
            }

            var withHost = options.BaselineApiFolder is not null;
            foreach (var target in targets)
            {
                Log.Info($"http: warm-up {target.Label(withHost)} for {Format.Seconds(options.HttpWarmup)}");
                await RunAsync(target, options.HttpWorkers, options.HttpWarmup, cancellationToken);
            }

            var results = targets.ToDictionary(target => target, _ => new List<HttpRound>());
            for (var round = 0; round < options.HttpRounds; round++)
            {
                // Alternate the order, so a drift in machine load does not favour one endpoint (or one build).
                foreach (var target in round % 2 == 0 ? targets : Enumerable.Reverse(targets))
                {
                    var result = await RunAsync(target, options.HttpWorkers, options.HttpRoundDuration, cancellationToken);
                    results[target].Add(result);
                    Log.Info($"http: round {round + 1}/{options.HttpRounds} {target.Label(withHost)}: {Format.Rate(result.PerSecond)} req/s, " +
                        $"Api {result.ApiCpuMicrosecondsPerRequest:0} µs CPU/request, {result.Load.Errors} errors");
                }
            }

            report.Add(BuildSection(options, targets, results));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>A pair on the host, and the two endpoints: <c>/alive</c> first, then the status read by a member of the primary tenant.</summary>
    private static async Task<HttpTarget[]> PrepareAsync(
        BenchmarkEnvironment environment, string host, ApiServer api, List<HttpClient> clients, CancellationToken cancellationToken)
    {
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, "Read benchmark", cancellationToken);
        var memberClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("reader-1", pair.PrimaryTenantId));
        var anonymousClient = ApiCalls.CreateClient(api.BaseAddress, null);
        clients.Add(memberClient);
        clients.Add(anonymousClient);
        var status = await ApiCalls.GetStatusAsync(memberClient, pair.PairId, cancellationToken);
        if (status.GetProperty("pairId").GetString() != pair.PairId)
        {
            throw new InvalidOperationException($"The status read back is not the pair's: {status}");
        }

        return
        [
            new("GET /alive", host, api, anonymousClient, "/alive"),
            new("GET /tenant-pairs/{pairId}", host, api, memberClient, $"/tenant-pairs/{pair.PairId}"),
        ];
    }

    private static async Task<HttpRound> RunAsync(HttpTarget target, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        var api = target.Api;
        var apiCpu = api.TotalProcessorTime;
        var harnessCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var load = await ClosedLoop.RunAsync(workers, duration, async (_, token) =>
        {
            using var response = await target.Client.GetAsync(target.Path, token);
            return response.StatusCode == HttpStatusCode.OK;
        }, cancellationToken);
        var round = new HttpRound(load, api.TotalProcessorTime - apiCpu, Process.GetCurrentProcess().TotalProcessorTime - harnessCpu);
        api.EnsureRunning();
        return round;
    }

    private static ReportSection BuildSection(BenchmarkOptions options, List<HttpTarget> targets, Dictionary<HttpTarget, List<HttpRound>> results)
    {
        var withHost = options.BaselineApiFolder is not null;
        var table = new MarkdownTable(
            "Endpoint", "Median req/s", "Per round (req/s)", "p50 ms", "p99 ms", "Api CPU µs/req", "Harness CPU µs/req", "Errors");
        var notes = new List<string>();
        foreach (var host in targets.Select(target => target.Host).Distinct())
        {
            var alive = targets.Single(target => target.Host == host && target.Path == "/alive");
            var status = targets.Single(target => target.Host == host && target.Path != "/alive");
            foreach (var target in new[] { alive, status })
            {
                var runs = results[target];
                var latencies = runs.SelectMany(run => run.Load.LatenciesMs).ToArray();
                table.AddRow(
                    target.Label(withHost),
                    Format.Rate(SampleStatistics.Median(runs.Select(run => run.PerSecond))),
                    string.Join(" / ", runs.Select(run => Format.Rate(run.PerSecond))),
                    Format.Ms(SampleStatistics.Median(latencies)),
                    Format.Ms(SampleStatistics.Percentile(latencies, 99)),
                    Format.Rate(SampleStatistics.Median(runs.Select(run => run.ApiCpuMicrosecondsPerRequest))),
                    Format.Rate(SampleStatistics.Median(runs.Select(run => run.HarnessCpuMicrosecondsPerRequest))),
                    Format.Count(runs.Sum(run => run.Load.Errors)));
            }

            var aliveRuns = results[alive];
            var statusRuns = results[status];
            var ratioOfMedians = SampleStatistics.Median(statusRuns.Select(run => run.PerSecond)) / SampleStatistics.Median(aliveRuns.Select(run => run.PerSecond));
            var pairedRatios = statusRuns.Zip(aliveRuns, (s, a) => s.PerSecond / a.PerSecond).ToArray();
            var cpuRatio = SampleStatistics.Median(statusRuns.Select(run => run.ApiCpuMicrosecondsPerRequest)) /
                SampleStatistics.Median(aliveRuns.Select(run => run.ApiCpuMicrosecondsPerRequest));
            table.AddRow(
                withHost ? $"Ratio status / alive ({host})" : "Ratio status / alive",
                Format.Ratio(ratioOfMedians),
                string.Join(" / ", pairedRatios.Select(Format.Ratio)),
                "",
                "",
                Format.Ratio(cpuRatio),
                "",
                "");
            notes.Add($"Ratio{(withHost ? $" ({host})" : "")}: median status req/s ÷ median alive req/s = {Format.Ratio(ratioOfMedians)}; median of the per-round ratios = " +
                $"{Format.Ratio(SampleStatistics.Median(pairedRatios))} (target ≥ 0.85: {(ratioOfMedians >= 0.85 ? "met" : "NOT met")}).");
        }

        notes.Add("Per-round figures are rounds 1…N in order; odd rounds run the endpoints in listed order, even rounds in reverse.");
        notes.Add("Latency percentiles pool every successful request of every measured round (nearest rank).");
        notes.Add("CPU µs/req: CPU time (user + kernel, from /proc) the process used during the round ÷ requests served, median over rounds. " +
            "It is far steadier than req/s on a shared machine; the Api and the load generator share the same 2 cores, so req/s is bounded by their sum.");
        if (withHost)
        {
            notes.Add($"Baseline: the Api build in `{options.BaselineApiFolder}`, run as its own process on its own SQLite file, measured in the same rounds.");
        }

        foreach (var target in targets.Where(target => results[target].Any(run => run.Load.Errors > 0)))
        {
            notes.Add($"{target.Label(withHost)} failures, first: {results[target].First(run => run.Load.FirstError is not null).Load.FirstError}");
        }

        var pids = string.Join(", ", targets.Select(target => target.Api).Distinct().Select(api => $"pid {api.ProcessId}"));
        var method =
            $"Api (SQLite store) as a separate process ({pids}, `dotnet Orleans.Bcp.Api.dll`, Production); the load generator is this process " +
            (options.PinCores ? "on the other core (hosts on core 0, the generator on core 1). " : "on the same machine. ") +
            $"{options.HttpWorkers} closed-loop workers over HTTP/1.1 keep-alive connections; " +
            $"{options.HttpRounds} rounds × {Format.Seconds(options.HttpRoundDuration)} per endpoint, interleaved (after {Format.Seconds(options.HttpWarmup)} warm-up each). " +
            "The status is read by a member of the primary tenant (bearer JWT, no permission needed).";
        return new ReportSection("HTTP read throughput", method, table, notes);
    }
}
