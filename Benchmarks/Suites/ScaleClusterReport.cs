using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The cluster part's section of the report, goals beside the figures.</summary>
internal static class ScaleClusterReport
{
    private const int GoalStorm = 4_000;
    private const double GoalStormSeconds = 60;
    private const double GoalSwitchP99Ms = 2_000;

    public static ReportSection Build(ScaleSettings settings, ScaleClusterResults results)
    {
        var table = new MarkdownTable("Measured", "Value", "Detail", "Goal");
        table.AddRow("Pairs made over HTTP (both nodes)", Format.Count(results.Pairs), $"in {Format.Seconds(results.PairsTime)}; {Format.Count(results.PairsMadeAgain)} tries again after a 503", "");
        table.AddRow($"Users loaded within the budget of {Format.Seconds(settings.LoadBudget)}", Format.Count(results.Users),
            $"on {Format.Count(results.PairsWithUsers)} pairs in {Format.Seconds(results.UsersTime)} ({Format.Rate(results.Users / Math.Max(0.001, results.UsersTime.TotalSeconds))} users/s)", "report");
        table.AddRow("VmRSS per node, loaded", Nodes(results.RssLoaded), "", "");
        table.AddRow($"First sync of {Format.Count(results.SyncedPairs)} pairs ({settings.SyncParallelism} at a time)", Format.Seconds(results.FirstSyncTime),
            $"{Format.Count(results.FirstSyncCounts.Written)} written, {Format.Count(results.FirstSyncCounts.Unchanged)} unchanged", "");
        var entities = results.NoChangeSyncCounts.Unchanged + results.NoChangeSyncCounts.Written + results.NoChangeSyncCounts.Skipped;
        table.AddRow($"No-change sync of the same {Format.Count(results.SyncedPairs)} pairs: total time", Format.Seconds(results.NoChangeSyncTime),
            $"{Format.Count(entities)} entities, {Format.Count(results.NoChangeSyncCounts.Written)} written; " +
            $"{Format.Rate(results.NoChangeSyncCpu.TotalMicroseconds / Math.Max(1, entities))} µs CPU per entity (all three nodes), " +
            $"{Format.Rate(results.NoChangeSyncTime.TotalMilliseconds / Math.Max(1, results.SyncedPairs))} ms per pair{Problems(results.SyncProblems)}", "report");
        var storm = results.StormRun!;
        var p99 = SampleStatistics.Percentile(storm.LatenciesMs, 99);
        var stormMet = results.StormCompletion.TotalSeconds <= GoalStormSeconds && p99 <= GoalSwitchP99Ms && storm.Errors == 0;
        table.AddRow($"Storm: {Format.Count(results.Storm)} switches sent within {Format.Seconds(settings.StormWindow)}, both nodes: completion",
            Format.Seconds(results.StormCompletion), $"sender lag ≤ {Format.Ms(storm.MaxSenderLagMs)} ms",
            $"{Format.Count(GoalStorm)} done ≤ {GoalStormSeconds:0} s, p99 ≤ 2 s: {(stormMet ? "met" : "MISSED")}{(results.Storm >= GoalStorm ? "" : " (smaller storm)")}");
        table.AddRow("Storm: p50 / p99 ms per switch (from its scheduled start)", $"{Format.Ms(SampleStatistics.Median(storm.LatenciesMs))} / {Format.Ms(p99)}",
            $"max {Format.Ms(storm.LatenciesMs.DefaultIfEmpty(double.NaN).Max())}", "p99 ≤ 2,000");
        table.AddRow("Storm: 5xx", Format.Count(results.StormServerErrors), $"{Format.Count(storm.Errors)} not switched{Problems(results.StormProblems)}", $"0: {(results.StormServerErrors == 0 ? "met" : "MISSED")}");
        table.AddRow("Switched pairs whose final epoch = start epoch + audited switches, BCP side active", $"{Format.Count(results.EpochsMatching)} / {Format.Count(results.Storm)}",
            string.IsNullOrEmpty(results.EpochProblems) ? "status and audit read from both nodes after the storm" : results.EpochProblems,
            $"all: {(results.EpochsMatching == results.Storm ? "met" : "MISSED")}");
        if (results.ConsistentLater is { } consistent)
        {
            table.AddRow("Pairs whose epoch = start epoch + audited switches (switched or not), 6 s later (every node has read each pair again)",
                $"{Format.Count(consistent)} / {Format.Count(results.Storm)}", string.IsNullOrEmpty(results.InconsistentLater) ? "" : results.InconsistentLater,
                $"all: {(consistent == results.Storm ? "met" : "MISSED")}");
        }
        if (results.StormLogins is { } logins)
        {
            table.AddRow($"Logins during the storm ({Format.Rate(settings.StormLoginRate)}/s, both nodes): p99 ms", Format.Ms(SampleStatistics.Percentile(logins.LatenciesMs, 99)),
                $"p50 {Format.Ms(SampleStatistics.Median(logins.LatenciesMs))}, {Format.Count(logins.Sent)} sent, {Format.Count(logins.Errors)} non-2xx ({Format.Count(results.StormLoginServerErrors)} 5xx)", "report");
        }

        table.AddRow("VmRSS per node after the storm (VmHWM over the run)", Nodes(results.RssAfterStorm), $"peak {Nodes(results.PeakOverall)}",
            settings.KeptBoundMegabytes is { } bound ? $"≤ {bound} MB + runtime baseline (report)" : "no bound passed (report)");

        var method =
            "The loopback cluster of scripts/cluster.sh started by the harness: a control Azurite (Blob and Table, in memory) and a Blob-only Azurite per region (on disk), " +
            "two Api nodes and one headless silo (Silo.Host), one Orleans cluster over mutual TLS with the run's certificates, Production environment. " +
            $"{Format.Count(results.Pairs)} pairs made over HTTP (alternating nodes); users written by the product's own writers into memory, then into the nodes' stores " +
            $"({settings.LoadParallelism} blob creates in flight; Benchmarks/Suites/ScaleLoader.cs, ScaleBlobSink.cs) until the budget was spent. Then each pair's sync (enable, first run, " +
            "then the no-change run that every pair's daily sync is at scale), then the storm. " + $"{settings.KeptBoundNote}.";
        var notes = new List<string>
        {
            "Azurite is the emulator, not Blob Storage: its in-memory metadata store slows down as it fills (docs/benchmarks.md, the sync suite), so load rates and sync times here are the emulator's; " +
                "the switch storm and logins touch few objects per request and say more about the product.",
            "Storm: open loop (Benchmarks/Measurement/FixedRate.cs) — switch k is due at k × window / count whatever earlier ones did; its latency runs from that due time, so queueing in the cluster counts.",
            "Everything (three .NET nodes, three Azurite processes, the harness) shares the machine's 2 cores with other work: figures are an upper bound of what the product costs.",
        };
        return new ReportSection($"Scale: cluster, {Format.Count(results.Pairs)} pairs, storm of {Format.Count(results.Storm)}", method, table, notes);
    }

    private static string Nodes(Dictionary<string, long?> values) =>
        string.Join(", ", values.Select(entry => $"{entry.Key} {ScaleEmbeddedSuite.Megabytes(entry.Value)}"));

    private static string Problems(string problems) => string.IsNullOrEmpty(problems) ? "" : $"; {problems}";
}
