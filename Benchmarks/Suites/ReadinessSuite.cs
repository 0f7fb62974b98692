using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// <c>GET /tenant-pairs/{pairId}/readiness</c> for the reference tenant, synced, on SQLite (docs/readiness.md):
/// the cost of one check (a host told to keep no report, one request at a time) and a console-like poll on a
/// host with the default 2 s report age (open loop).
/// </summary>
internal static class ReadinessSuite
{
    private const string PrimaryRegion = "us-east";

    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var size = options.Quick ? ReferenceTenantSize.Reference.Scaled(0.05) : ReferenceTenantSize.Reference;
        var storage = await environment.NewStorageAsync(StoreKind.Sqlite, "readiness", cancellationToken);
        var uncached = await environment.StartApiAsync("api-readiness-uncached", storage, null, cancellationToken,
            new Dictionary<string, string> { ["Readiness__MaxAge"] = "00:00:00" });
        using var operatorClient = ApiCalls.CreateClient(uncached.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, "Readiness benchmark", cancellationToken);
        var adminToken = environment.Token("admin-1", pair.PrimaryTenantId, Permissions.SyncEdit);
        var path = $"/tenant-pairs/{pair.PairId}/readiness";

        // The harness writes the tenant into the host's SQLite file, as the sync suite does.
        var stores = new ObjectStoreProvider(Options.Create(new StorageOptions { Default = storage.Options }));
        var configuration = new StoreTenantConfiguration(stores, new ChangeStamps(stores, TimeProvider.System));
        var primary = new TenantLocation(pair.PrimaryTenantId, PrimaryRegion);
        Log.Info($"readiness: writing the reference tenant ({size.Total:N0} entities) into the primary");
        await new ReferenceTenantGenerator(configuration)
            .GenerateAsync(primary, "bench", size, seed: 42, ReferenceTenantGenerator.DefaultParallelism, cancellationToken);
        string verdict;
        double firstMs;
        LoadResult each;
        using (var admin = ApiCalls.CreateClient(uncached.BaseAddress, adminToken))
        {
            await SyncCalls.EnableAsync(admin, pair.PairId, cancellationToken);
            var runId = await SyncCalls.StartRunAsync(admin, pair.PairId, cancellationToken);
            Log.Info("readiness: syncing the reference tenant");
            while ((await SyncCalls.GetRunAsync(admin, pair.PairId, runId, cancellationToken)).GetProperty("outcome").GetString() == "running")
            {
                await Task.Delay(options.SyncPollInterval, cancellationToken);
            }

            var first = Stopwatch.StartNew();
            verdict = await VerdictAsync(admin, path, cancellationToken);
            firstMs = first.Elapsed.TotalMilliseconds;
            Log.Info($"readiness: first report ({verdict}) in {Format.Ms(firstMs)} ms; measuring one check per request");
            await ClosedLoop.RunAsync(1, options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3), (_, token) => OkAsync(admin, path, token), cancellationToken);
            each = await ClosedLoop.RunAsync(1, options.Quick ? TimeSpan.FromSeconds(3) : TimeSpan.FromSeconds(20), (_, token) => OkAsync(admin, path, token), cancellationToken);
        }

        await uncached.DisposeAsync();
        var kept = await environment.StartApiAsync("api-readiness", storage, null, cancellationToken);
        OpenLoopResult poll;
        OpenLoopResult status;
        OpenLoopResult pollWhileEdited;
        int edits;
        var rate = 50.0;
        using (var admin = ApiCalls.CreateClient(kept.BaseAddress, adminToken))
        {
            await VerdictAsync(admin, path, cancellationToken);
            var count = (int)(rate * (options.Quick ? 5 : 30));
            Log.Info($"readiness: {count} polls at {rate}/s on a host keeping reports for 2 s, with the pair's status read at the same rate beside them");
            // The status read (the hottest authenticated read) at the same time: the floor this machine's noise puts under any p99.
            var polls = FixedRate.RunAsync(count, rate, (_, token) => OkAsync(admin, path, token), cancellationToken);
            var reads = FixedRate.RunAsync(count, rate, (_, token) => OkAsync(admin, $"/tenant-pairs/{pair.PairId}", token), cancellationToken);
            poll = await polls;
            status = await reads;

            // The largest type changing all the time: each check after an edit lists the 10,000 users again.
            var seconds = options.Quick ? 5 : 30;
            Log.Info($"readiness: {rate * seconds:0} polls at {rate}/s while one primary user is edited per second");
            var editedPolls = FixedRate.RunAsync((int)(rate * seconds), rate, (_, token) => OkAsync(admin, path, token), cancellationToken);
            edits = await EditUsersAsync(configuration, primary, seconds, cancellationToken);
            pollWhileEdited = await editedPolls;
        }

        await kept.DisposeAsync();
        var table = new MarkdownTable("measurement", "requests", "errors", "p50 ms", "p99 ms", "max ms");
        table.AddRow("one check per request (Readiness:MaxAge 0, 1 at a time)", each.Operations.ToString("N0"), each.Errors.ToString("N0"),
            Format.Ms(SampleStatistics.Median(each.LatenciesMs)), Format.Ms(SampleStatistics.Percentile(each.LatenciesMs, 99)), Format.Ms(each.LatenciesMs.DefaultIfEmpty().Max()));
        table.AddRow($"poll at {rate:0}/s, default 2 s report age (open loop)", poll.Sent.ToString("N0"), poll.Errors.ToString("N0"),
            Format.Ms(SampleStatistics.Median(poll.LatenciesMs)), Format.Ms(SampleStatistics.Percentile(poll.LatenciesMs, 99)), Format.Ms(poll.LatenciesMs.DefaultIfEmpty().Max()));
        table.AddRow($"poll at {rate:0}/s while {edits} primary users are edited, one per second", pollWhileEdited.Sent.ToString("N0"), pollWhileEdited.Errors.ToString("N0"),
            Format.Ms(SampleStatistics.Median(pollWhileEdited.LatenciesMs)), Format.Ms(SampleStatistics.Percentile(pollWhileEdited.LatenciesMs, 99)), Format.Ms(pollWhileEdited.LatenciesMs.DefaultIfEmpty().Max()));
        table.AddRow($"beside the first poll: GET /tenant-pairs/{{pairId}} (status) at {rate:0}/s", status.Sent.ToString("N0"), status.Errors.ToString("N0"),
            Format.Ms(SampleStatistics.Median(status.LatenciesMs)), Format.Ms(SampleStatistics.Percentile(status.LatenciesMs, 99)), Format.Ms(status.LatenciesMs.DefaultIfEmpty().Max()));
        report.Add(new ReportSection(
            "Readiness report",
            $"`GET /tenant-pairs/{{pairId}}/readiness` on SQLite for {(options.Quick ? "5% of " : "")}the reference tenant ({size.Total:N0} entities in the primary), synced once; " +
            $"verdict `{verdict}`. The first report after the sync (every user, agent setting and point of contact read once into the node's kept facts) took {Format.Ms(firstMs)} ms. " +
            "Then one host that keeps no report, one request at a time (each request reads the change stamps, the correlation buckets' versions and the sync history, " +
            "and lists a type again only when its stamp moved); and a host with the default 2 s report age polled at a fixed rate (latency from each request's due time), " +
            "first with nothing changing, then while the harness edits one primary user per second (a type of 10,000 entities listed again after every edit).",
            table,
            ["Latency is measured by the harness over HTTP on the same machine (2 shared cores; other work on it shows in p99 and max)."]));
    }

    /// <summary>Edits one primary user per second (its last name), through the product's configuration store so its change stamp moves.</summary>
    private static async Task<int> EditUsersAsync(StoreTenantConfiguration configuration, TenantLocation primary, int seconds, CancellationToken cancellationToken)
    {
        var (users, _) = await configuration.ListAsync(primary, EntityTypes.Users, null, seconds);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        var edited = 0;
        foreach (var user in users)
        {
            await timer.WaitForNextTickAsync(cancellationToken);
            var document = await configuration.GetAsync(primary, EntityTypes.Users, user.Id) ?? throw new InvalidOperationException($"user {user.Id} is gone");
            var data = document.Data.DeepClone().AsObject();
            data["lastName"] = $"{data["lastName"]!.GetValue<string>()}-Edited";
            await configuration.ReplaceAsync(primary, EntityTypes.Users, user.Id, data, document.ETag);
            edited++;
        }

        return edited;
    }

    private static async Task<bool> OkAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<string> VerdictAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken);
        var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "GET /tenant-pairs/{pairId}/readiness", cancellationToken);
        return body.GetProperty("verdict").GetString()!;
    }
}
