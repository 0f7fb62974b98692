using System.Diagnostics;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The switch suite's loaded pair (<c>--switch-loaded</c>): the reference tenant written into the primary and synced
/// once, so a return's failback count and the readiness report have a large tenant to read, and daily-sync runs started
/// one after another while the switches are measured (a run asked for while the BCP side is active is skipped at once;
/// one asked for while the primary is active runs).
/// </summary>
internal static class SwitchLoad
{
    /// <summary>A host of its own (<paramref name="apiFolder"/>: another build) on fresh SQLite, with its pair loaded and synced.</summary>
    public static async Task<SwitchTarget> PrepareAsync(
        BenchmarkEnvironment environment, BenchmarkOptions options, string build, string? apiFolder, List<HttpClient> clients, CancellationToken cancellationToken)
    {
        var storage = await environment.NewStorageAsync(StoreKind.Sqlite, $"switch-loaded-{build}", cancellationToken);
        var api = await environment.StartApiAsync($"switch-loaded-{build}", storage, apiFolder, cancellationToken);
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, $"Switch benchmark loaded {build}", cancellationToken);
        var client = ApiCalls.CreateClient(api.BaseAddress, environment.Token("admin-1", pair.PrimaryTenantId, Permissions.ActivationEdit, Permissions.SyncEdit));
        clients.Add(client);
        var stores = new ObjectStoreProvider(Options.Create(new StorageOptions { Default = storage.Options }));
        var sync = new SyncTarget(StoreKind.Sqlite, api, stores, pair, client);
        await SyncCalls.EnableAsync(client, pair.PairId, cancellationToken);
        var size = options.SyncTenantSize(StoreKind.Sqlite);
        Log.Info($"switch: loaded {build}: writing the reference tenant ({size.Total:N0} entities) and syncing it once");
        var stopwatch = Stopwatch.StartNew();
        await new ReferenceTenantGenerator(sync.Configuration).GenerateAsync(sync.Primary, "bench", size, seed: 42, parallelism: 16, cancellationToken);
        var first = await SyncRunDriver.RunAsync(sync, measurePeak: false, options, cancellationToken);
        Log.Info($"switch: loaded {build}: loaded and synced in {stopwatch.Elapsed.TotalSeconds:0} s ({first.Outcome})");
        return new SwitchTarget(StoreKind.Sqlite, api, pair, client, build) { Loaded = size.Total };
    }

    /// <summary>
    /// One switch of the loaded suite: to BCP right after starting a sync run on the pair (the switch stops it if it is
    /// still under way), back to the primary with none (a run cannot run while the BCP side is active).
    /// </summary>
    public static async Task MeasureAsync(SwitchTarget target, Func<Task<double>> switchOnce, CancellationToken cancellationToken)
    {
        if (target.NextSide != "bcp")
        {
            target.QuietLatenciesMs.Add(await switchOnce());
            return;
        }

        var runId = await SyncCalls.StartRunAsync(target.Client, target.Pair.PairId, cancellationToken);
        target.LatenciesMs.Add(await switchOnce());
        string? outcome;
        while ((outcome = (await SyncCalls.GetRunAsync(target.Client, target.Pair.PairId, runId, cancellationToken)).GetProperty("outcome").GetString()) == "running")
        {
            await Task.Delay(20, cancellationToken);
        }

        target.SyncRuns++;
        target.RunsStopped += outcome == "cancelled" ? 1 : 0;
    }
}
