using System.Diagnostics;
using System.Net;
using Orleans.Bcp.Api.Auth;
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
        var api = await environment.GetApiAsync(StoreKind.Sqlite, cancellationToken);
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, "Read benchmark", cancellationToken);
        using var memberClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("reader-1", pair.PrimaryTenantId));
        using var anonymousClient = ApiCalls.CreateClient(api.BaseAddress, null);
        var status = await ApiCalls.GetStatusAsync(memberClient, pair.PairId, cancellationToken);
        if (status.GetProperty("pairId").GetString() != pair.PairId)
        {
            throw new InvalidOperationException($"The status read back is not the pair's: {status}");
        }

        HttpTarget[] targets =
        [
            new("GET /alive", anonymousClient, "/alive"),
            new("GET /tenant-pairs/{pairId}", memberClient, $"/tenant-pairs/{pair.PairId}"),
        ];
        foreach (var target in targets)
        {
            Log.Info($"http: warm-up {target.Name} for {Format.Seconds(options.HttpWarmup)}");
            await RunAsync(api, target, options.HttpWorkers, options.HttpWarmup, cancellationToken);
        }

        var results = targets.ToDictionary(target => target, _ => new List<HttpRound>());
        for (var round = 0; round < options.HttpRounds; round++)
        {
            // Alternate which endpoint goes first, so a drift in machine load does not favour one.
            foreach (var target in round % 2 == 0 ? targets : targets.Reverse())
            {
                var result = await RunAsync(api, target, options.HttpWorkers, options.HttpRoundDuration, cancellationToken);
                results[target].Add(result);
                Log.Info($"http: round {round + 1}/{options.HttpRounds} {target.Name}: {Format.Rate(result.PerSecond)} req/s, " +
                    $"Api {result.ApiCpuMicrosecondsPerRequest:0} µs CPU/request, {result.Load.Errors} errors");
            }
        }

        report.Add(BuildSection(options, api, targets, results));
    }

    private static async Task<HttpRound> RunAsync(ApiServer api, HttpTarget target, int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
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

    private static ReportSection BuildSection(
        BenchmarkOptions options, ApiServer api, HttpTarget[] targets, Dictionary<HttpTarget, List<HttpRound>> results)
    {
        var table = new MarkdownTable(
            "Endpoint", "Median req/s", "Per round (req/s)", "p50 ms", "p99 ms", "Api CPU µs/req", "Harness CPU µs/req", "Errors");
        foreach (var target in targets)
        {
            var runs = results[target];
            var latencies = runs.SelectMany(run => run.Load.LatenciesMs).ToArray();
            table.AddRow(
                target.Name,
                Format.Rate(Statistics.Median(runs.Select(run => run.PerSecond))),
                string.Join(" / ", runs.Select(run => Format.Rate(run.PerSecond))),
                Format.Ms(Statistics.Median(latencies)),
                Format.Ms(Statistics.Percentile(latencies, 99)),
                Format.Rate(Statistics.Median(runs.Select(run => run.ApiCpuMicrosecondsPerRequest))),
                Format.Rate(Statistics.Median(runs.Select(run => run.HarnessCpuMicrosecondsPerRequest))),
                Format.Count(runs.Sum(run => run.Load.Errors)));
        }

        var alive = results[targets[0]];
        var status = results[targets[1]];
        var ratioOfMedians = Statistics.Median(status.Select(run => run.PerSecond)) / Statistics.Median(alive.Select(run => run.PerSecond));
        var pairedRatios = status.Zip(alive, (s, a) => s.PerSecond / a.PerSecond).ToArray();
        var cpuRatio = Statistics.Median(status.Select(run => run.ApiCpuMicrosecondsPerRequest)) /
            Statistics.Median(alive.Select(run => run.ApiCpuMicrosecondsPerRequest));
        table.AddRow(
            "Ratio status / alive",
            Format.Ratio(ratioOfMedians),
            string.Join(" / ", pairedRatios.Select(Format.Ratio)),
            "",
            "",
            Format.Ratio(cpuRatio),
            "",
            "");

        var notes = new List<string>
        {
            $"Ratio: median status req/s ÷ median alive req/s = {Format.Ratio(ratioOfMedians)}; median of the per-round ratios = " +
            $"{Format.Ratio(Statistics.Median(pairedRatios))} (target ≥ 0.70: {(ratioOfMedians >= 0.7 ? "met" : "NOT met")}).",
            "Per-round figures are rounds 1…N in order; odd rounds run /alive first, even rounds the status first.",
            "Latency percentiles pool every successful request of every measured round (nearest rank).",
            "CPU µs/req: CPU time (user + kernel, from /proc) the process used during the round ÷ requests served, median over rounds. " +
            "It is far steadier than req/s on a shared machine; the Api and the load generator share the same 2 cores, so req/s is bounded by their sum.",
        };
        foreach (var target in targets.Where(target => results[target].Any(run => run.Load.Errors > 0)))
        {
            notes.Add($"{target.Name} failures, first: {results[target].First(run => run.Load.FirstError is not null).Load.FirstError}");
        }

        var method =
            $"Api (SQLite store) as a separate process (pid {api.ProcessId}, `dotnet Orleans.Bcp.Api.dll`, Production); the load generator is this process " +
            $"on the same machine. {options.HttpWorkers} closed-loop workers over HTTP/1.1 keep-alive connections; " +
            $"{options.HttpRounds} rounds × {Format.Seconds(options.HttpRoundDuration)} per endpoint, interleaved (after {Format.Seconds(options.HttpWarmup)} warm-up each). " +
            "The status is read by a member of the primary tenant (bearer JWT, no permission needed).";
        return new ReportSection("HTTP read throughput", method, table, notes);
    }
}
