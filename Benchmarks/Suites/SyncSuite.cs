using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The daily sync of the reference tenant (issue 3) on SQLite and on Azurite: the initial full copy
/// against raw conditional creates on the same store, a re-run with nothing changed, a re-run after
/// 1% of the primary changed, and the Api's peak memory during the initial copy. The phases run
/// store by store in turn, so a slow spell of the shared machine does not fall on one store only.
/// </summary>
internal static class SyncSuite
{
    private const string Initial = "initial";
    private const string NoChange = "no-change";
    private const string OnePercent = "one-percent";

    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var targets = new List<SyncTarget>();
        try
        {
            StoreKind[] kinds = options.SqliteOnly ? [StoreKind.Sqlite] : [StoreKind.Sqlite, StoreKind.Azurite];
            foreach (var kind in kinds)
            {
                targets.Add(await PrepareAsync(environment, kind, null, options, cancellationToken));
                if (options.BaselineApiFolder is { } baseline)
                {
                    // Another build on a store of its own, measured in the same phases: the two builds see the same minutes of the machine.
                    targets.Add(await PrepareAsync(environment, kind, baseline, options, cancellationToken));
                }
            }

            // Raw creates are sampled between every two runs (the machine's load changes by the minute), and read as a median.
            await MeasureRawCreatesAsync(targets, options, cancellationToken);
            foreach (var target in targets)
            {
                Log.Info($"sync: {target.Name}: initial full sync of {target.Tenant!.Total:N0} entities");
                target.Runs[Initial] = await SyncRunDriver.RunAsync(target, measurePeak: true, options, cancellationToken);
            }

            await MeasureRawCreatesAsync(targets, options, cancellationToken);
            foreach (var target in targets)
            {
                Log.Info($"sync: {target.Name}: re-sync with nothing changed");
                target.Runs[NoChange] = await SyncRunDriver.RunAsync(target, measurePeak: false, options, cancellationToken);
            }

            await MeasureRawCreatesAsync(targets, options, cancellationToken);
            foreach (var target in targets)
            {
                target.Changed = await PrimaryEdits.ApplyAsync(target.Configuration, target.Primary, target.Tenant!, options.SyncChangeFraction, cancellationToken);
                Log.Info($"sync: {target.Name}: re-sync after editing {target.Changed:N0} primary entities");
                target.Runs[OnePercent] = await SyncRunDriver.RunAsync(target, measurePeak: false, options, cancellationToken);
            }

            await MeasureRawCreatesAsync(targets, options, cancellationToken);
            report.Add(BuildSection(options, targets));
        }
        finally
        {
            foreach (var target in targets)
            {
                target.Client.Dispose();
                // Each of these hosts holds a whole synced tenant; the run does not need them any more.
                await target.Api.DisposeAsync();
            }
        }
    }

    /// <summary>A host of its own on fresh storage, a pair created over HTTP, sync enabled, and the reference tenant written into the primary.</summary>
    private static async Task<SyncTarget> PrepareAsync(
        BenchmarkEnvironment environment, StoreKind kind, string? apiFolder, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var suffix = apiFolder is null ? "" : "-baseline";
        Log.Info($"sync: starting an Api{(apiFolder is null ? "" : $" from {apiFolder}")} on {kind} for the sync suite");
        var storage = await environment.NewStorageAsync(kind, "sync" + suffix, cancellationToken, ownAzurite: true);
        var api = await environment.StartApiAsync($"api-sync-{kind.ToString().ToLowerInvariant()}{suffix}", storage, apiFolder, cancellationToken);
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, $"Sync benchmark {kind}", cancellationToken);
        var client = ApiCalls.CreateClient(api.BaseAddress, environment.Token("admin-1", pair.PrimaryTenantId, Permissions.SyncEdit));
        // The harness's own view of the host's data: the same SQLite file or Azurite container, through the product's store provider.
        var stores = new ObjectStoreProvider(Options.Create(new StorageOptions { Default = storage.Options }));
        var target = new SyncTarget(kind, api, stores, pair, client) { IsBaseline = apiFolder is not null };
        await SyncCalls.EnableAsync(client, pair.PairId, cancellationToken);

        var size = options.SyncTenantSize(kind);
        Log.Info($"sync: {target.Name}: writing the reference tenant ({size.Total:N0} entities) into the primary");
        var stopwatch = Stopwatch.StartNew();
        target.Tenant = await new ReferenceTenantGenerator(target.Configuration).GenerateAsync(
            target.Primary, "bench", size, seed: 42, LoadParallelism(kind), cancellationToken);
        target.LoadTime = stopwatch.Elapsed;
        Log.Info($"sync: {target.Name}: written in {target.LoadTime.TotalSeconds:0.0} s ({target.Tenant.Total / target.LoadTime.TotalSeconds:N0}/s)");
        return target;
    }

    /// <summary>
    /// Conditional creates (If-None-Match: *) of user-sized documents through the same configuration
    /// store, with the engine's write parallelism, into a scratch tenant: the floor the sync's write
    /// rate is compared with.
    /// </summary>
    private static async Task MeasureRawCreatesAsync(List<SyncTarget> targets, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        foreach (var target in targets)
        {
            await MeasureRawCreatesAsync(target, options, cancellationToken);
        }
    }

    private static async Task MeasureRawCreatesAsync(SyncTarget target, BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var scratch = new TenantLocation($"bench-raw-{target.RawCreates.Count}", SyncTarget.BcpRegion);
        var template = new JsonObject
        {
            ["username"] = "agent00042@bench.example",
            ["firstName"] = "Grace",
            ["lastName"] = "Okafor",
            ["roleId"] = Guid.NewGuid().ToString("N"),
            ["teamId"] = Guid.NewGuid().ToString("N"),
            ["bcpType"] = "none",
            ["active"] = true,
        };
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var result = await ClosedLoop.RunAsync(options.SyncRawWriters, options.SyncRawDuration, async (_, _) =>
        {
            // Straight to the store, as the product writes an entity but without what the product adds (the users' change stamp).
            await target.BcpStore.CreateAsync($"config/{scratch.TenantId}/{EntityTypes.Users}/{Guid.NewGuid():N}", JsonSerializer.SerializeToUtf8Bytes(template));
            return true;
        }, cancellationToken);
        var sample = new RawCreateSample(result, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
        target.RawCreates.Add(sample);
        Log.Info($"sync: {target.Name}: raw conditional creates {Format.Rate(sample.PerSecond)}/s, {sample.CpuMicrosecondsPerCreate:0} µs CPU each ({result.Errors} errors)");
    }

    private static ReportSection BuildSection(BenchmarkOptions options, List<SyncTarget> targets)
    {
        var headers = new List<string> { "Measured" };
        headers.AddRange(targets.Select(target => target.Name));
        headers.Add("Target");
        var table = new MarkdownTable([.. headers]);
        void Row(string measured, Func<SyncTarget, string> cell, string goal = "") =>
            table.AddRow([measured, .. targets.Select(cell), goal]);

        double RawRate(SyncTarget target) => SampleStatistics.Median(target.RawCreates.Select(run => run.PerSecond));
        double RawCpu(SyncTarget target) => SampleStatistics.Median(target.RawCreates.Select(run => run.CpuMicrosecondsPerCreate));
        SyncRunResult Run(SyncTarget target, string phase) => target.Runs[phase];

        Row("Primary tenant: entities (of which synced)", target =>
            $"{Format.Count(target.Tenant!.Total)} ({Format.Count(target.Tenant.Total - target.Tenant.OtherPointOfContactIds.Count)})");
        Row("Loading it in the harness (concurrent creates)", target =>
            $"{Seconds(target.LoadTime)} ({Format.Rate(target.Tenant!.Total / target.LoadTime.TotalSeconds)}/s, {LoadParallelism(target.Kind)})");
        Row($"Raw conditional creates/s, {options.SyncRawWriters} writers: median (samples in order)", target =>
            $"{Format.Rate(RawRate(target))} ({string.Join(" / ", target.RawCreates.Select(run => Format.Rate(run.PerSecond)))})");
        Row("Raw creates: harness CPU µs per create, median", target => Format.Rate(RawCpu(target)));
        Row("Initial sync: wall time (server's own)", target => $"{Seconds(Run(target, Initial).Wall)} ({Seconds(Run(target, Initial).Server)})");
        Row("Initial sync: entities written (created), per second", target =>
            $"{Format.Count(Run(target, Initial).Totals.Written)} ({Format.Count(Run(target, Initial).Totals.Created)}), {Format.Rate(Run(target, Initial).WrittenPerSecond)}/s");
        Row("Initial sync ÷ raw creates (entities/s ÷ median creates/s) [range over samples]", target =>
            $"{Format.Ratio(Run(target, Initial).WrittenPerSecond / RawRate(target))} " +
            $"[{Format.Ratio(Run(target, Initial).WrittenPerSecond / target.RawCreates.Max(run => run.PerSecond))}–" +
            $"{Format.Ratio(Run(target, Initial).WrittenPerSecond / target.RawCreates.Min(run => run.PerSecond))}]", "≥ 0.50");
        Row("Initial sync: Api CPU µs per entity written (CPU-time ratio raw ÷ sync)", target =>
            $"{Format.Rate(Run(target, Initial).CpuMicrosecondsPerWrite)} ({Format.Ratio(RawCpu(target) / Run(target, Initial).CpuMicrosecondsPerWrite)})");
        Row("Initial sync: BCP objects created by listing", target => Format.Count(Run(target, Initial).BcpChanges.Created));
        Row("Peak RSS of the Api during the initial sync (RSS before)", target =>
            $"{Megabytes(Run(target, Initial).PeakRssBytes)} ({Megabytes(Run(target, Initial).RssBeforeBytes)})", "report");
        Row("No-change re-sync: wall time", target => Seconds(Run(target, NoChange).Wall));
        Row("No-change ÷ initial (wall time)", target => Format.Ratio(Run(target, NoChange).Wall / Run(target, Initial).Wall), "≤ 0.10");
        Row("No-change: BCP objects written, by listing (by the run's counts)", target =>
            $"{Format.Count(Run(target, NoChange).BcpChanges.Total)} ({Format.Count(Run(target, NoChange).Totals.Written)})", "0");
        Row($"{Percent(options.SyncChangeFraction)} change: primary entities edited", target => Format.Count(target.Changed));
        Row($"{Percent(options.SyncChangeFraction)} change: BCP objects written, by listing (by the run's counts)", target =>
            $"{Format.Count(Run(target, OnePercent).BcpChanges.Total)} ({Format.Count(Run(target, OnePercent).Totals.Written)})", "= edited");
        Row($"{Percent(options.SyncChangeFraction)} change: wall time", target => Seconds(Run(target, OnePercent).Wall));

        var notes = new List<string>();
        foreach (var target in targets)
        {
            var initial = Run(target, Initial);
            var verdicts = new[]
            {
                $"initial ÷ raw ≥ 0.5 {(initial.WrittenPerSecond / RawRate(target) >= 0.5 ? "met" : "NOT met")}",
                $"no-change ≤ 10% {(Run(target, NoChange).Wall / initial.Wall <= 0.10 ? "met" : "NOT met")}",
                $"no-change writes 0 {(Run(target, NoChange).BcpChanges.Total == 0 ? "met" : "NOT met")}",
                $"1% writes = edited {(Run(target, OnePercent).BcpChanges.Total == target.Changed ? "met" : "NOT met")}",
            };
            notes.Add($"{target.Name} (Api pid {target.Api.ProcessId}): {string.Join("; ", verdicts)}. Initial run skipped {Format.Count(initial.Totals.Skipped)} " +
                $"(the non-voice points of contact) and listed {Format.Count(initial.Warnings)} warnings.");
        }

        notes.Add("Wall time is measured by the harness from \"run now\" to seeing the run's report finished, polling every " +
            $"{options.SyncPollInterval.TotalMilliseconds:0} ms; the server's own time is the report's finishedAt − startedAt.");
        notes.Add("Raw creates: the store's own If-None-Match: * create (`IObjectStore.CreateAsync`, no change stamp) of a user-sized JSON document under a scratch tenant's key, " +
            $"{options.SyncRawWriters} closed-loop writers (the engine's parallelism) for {Format.Seconds(options.SyncRawDuration)}, in the harness process, " +
            "before the first run, between runs and after the last; the ratio uses their median and the range shows it against the fastest and slowest sample. " +
            "A sync also reads every primary entity, lists both tenants and writes correlations, so 1.0 is out of reach by design.");
        notes.Add("CPU-time ratio: the harness's CPU per raw create ÷ the Api's CPU per entity the initial sync wrote (neither counts Azurite's or the disk's own work). " +
            "CPU time hardly depends on how busy the shared machine is, so it tells what the sync costs where rates are noisy.");
        notes.Add("BCP objects by listing: every key under the BCP tenant's `config/{tenantId}/` prefix with its ETag, listed straight from the store before and after the run; " +
            "created + replaced + deleted keys. Correlation state (control store) is not tenant data and is not counted.");
        notes.Add($"The {Percent(options.SyncChangeFraction)} change edits round({Percent(options.SyncChangeFraction)} × count), at least one, of every type: " +
            "a name, a user's last name or an agent's wrap-up time; only voice points of contact are chosen, since the others never sync.");
        if (targets.Any(target => target.Kind == StoreKind.Azurite))
        {
            notes.Add("Azurite: an instance of its own for this suite (in memory), so the blobs of other suites in the same run do not slow it down.");
        }

        notes.Add("Peak RSS: VmHWM of the Api process from /proc, reset (clear_refs) just before the initial run; the Api is a host of its own for this suite, with only this pair on it.");
        if (options.BaselineApiFolder is { } baselineFolder)
        {
            notes.Add($"Baseline: the Api build in `{baselineFolder}`, a host of its own on a store of its own, in the same phases as this build's (each phase runs the targets in turn).");
        }

        var size = ReferenceTenantSize.Reference;
        var scales = string.Join(", ", targets.Select(target => $"{target.Name} {Percent(options.SyncTenantScale(target.Kind))}"));
        var method =
            $"For each store an Api host of its own (Production, one silo) with a pair made over HTTP; the reference tenant (Demo/ReferenceTenantGenerator.cs: " +
            $"{Format.Count(size.Users)} users, {Format.Count(size.AgentSettings)} agent settings, {Format.Count(size.VoicePointsOfContact)} voice + " +
            $"{Format.Count(size.OtherPointsOfContact)} other points of contact, … — {Format.Count(size.Total)} entities), scaled per store ({scales}), is written into the primary tenant " +
            "by the harness directly in the host's store. Then, over HTTP as the admin UI does it: enable sync (default mode), \"run now\", poll the run report. " +
            "Phases alternate between the stores: raw creates, initial sync, raw creates, no-change re-sync, raw creates, 1% edit + re-sync, raw creates.";
        if (targets.Any(target => target.Kind == StoreKind.Azurite) && options.SyncTenantScale(StoreKind.Azurite) < 1.0 && !options.Quick)
        {
            notes.Add("Azurite copies a quarter of the reference tenant: its in-memory metadata store finds blobs by scanning, so each operation slows as the account fills " +
                "(~550 creates/s under 2,000 blobs, ~110/s past 10,000 here) and the full tenant's 44,000+ blobs made requests time out. The ratios compare sync and raw creates " +
                "at the same fill level; absolute Azurite rates say little about Blob Storage.");
        }

        return new ReportSection("Sync of the reference tenant", method, table, notes);
    }

    /// <summary>
    /// SQLite takes one writer at a time, so more concurrent creates only queue on its lock; 32 of them
    /// on a busy machine starved one past the 30 s busy timeout ("database is locked"). The engine's 16 do not.
    /// </summary>
    private static int LoadParallelism(StoreKind kind) => kind == StoreKind.Sqlite ? 16 : ReferenceTenantGenerator.DefaultParallelism;

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private static string Seconds(TimeSpan duration) => duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";

    private static string Megabytes(long? bytes) =>
        bytes is { } value ? (value / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MB" : "n/a";
}
