using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The embedded part's section of the report, goals beside the figures.</summary>
internal static class ScaleEmbeddedReport
{
    private const double LoginP99GoalMs = 10;
    private const int GoalUsers = 1_000_000;
    private const double GoalRate = 5_000;

    public static ReportSection Build(ScaleSettings settings, ScaleEmbeddedResults results)
    {
        var table = new MarkdownTable("Measured", "Value", "Detail", "Goal");
        table.AddRow("Pairs made over HTTP", Format.Count(results.Pairs), $"in {Format.Seconds(results.PairsTime)}; {Format.Count(results.PairsMadeAgain)} tries again after a 503", "");
        table.AddRow("Users written straight into SQLite (with username claims)", Format.Count(results.Users),
            $"in {Format.Seconds(results.UsersTime)} ({Format.Rate(results.Users / results.UsersTime.TotalSeconds)} users/s), file {results.DatabaseBytes / 1048576.0:N0} MB", "");
        table.AddRow("Api VmRSS started / loaded, before any login", $"{ScaleEmbeddedSuite.Megabytes(results.RssStarted)} / {ScaleEmbeddedSuite.Megabytes(results.RssLoaded)}",
            $"loaded: {GcMemory.Describe(results.GcLoaded)}", "");
        AddLogins(table, $"Login p99 ms, {Format.Rate(settings.LoginRate / 5)}/s for {Format.Seconds(settings.LoginDuration)}, uniform draws, cold (first run, none asked before)",
            results.ColdGentle!, results.ColdGentleFailures, settings.LoginRate / 5, results.Users);
        AddLogins(table, $"Login p99 ms, {Format.Rate(settings.LoginRate)}/s for {Format.Seconds(settings.LoginDuration)}, uniform draws, cold ({Format.Count(results.ColdDistinct)} distinct users, mostly not asked before)",
            results.Cold!, results.ColdFailures, settings.LoginRate, results.Users);
        table.AddRow("Every user asked once (32 workers): wrong answers", Format.Count(results.EveryUserWrong),
            $"{Format.Count(results.Users)} users in {Format.Seconds(results.EveryUserTime)} ({Format.Rate(results.Users / results.EveryUserTime.TotalSeconds)}/s) {results.EveryUserProblems}".TrimEnd(), "0");
        table.AddRow("Api VmRSS after every user was asked once (VmHWM during that pass)", ScaleEmbeddedSuite.Megabytes(results.RssAfterEveryUser),
            $"peak {ScaleEmbeddedSuite.Megabytes(results.PeakDuringEveryUser)}; grew {ScaleEmbeddedSuite.Megabytes(results.RssAfterEveryUser - results.RssLoaded)} " +
            $"({(results.RssAfterEveryUser - results.RssLoaded) / (double)Math.Max(1, results.Users):N0} bytes per user); {GcMemory.Describe(results.GcAfterEveryUser)}",
            settings.KeptBoundMegabytes is { } bound
                ? $"≤ {bound} MB + loaded baseline: {(results.RssAfterEveryUser - results.RssLoaded <= bound * 1048576L ? "met" : "MISSED")}"
                : "no bound passed (report)");
        AddLogins(table, $"Login p99 ms, {Format.Rate(settings.LoginRate)}/s for {Format.Seconds(settings.LoginDuration)}, uniform draws, warm (after the every-user pass)",
            results.Warm!, results.WarmFailures, settings.LoginRate, results.Users);
        table.AddRow($"Switch of {Format.Count(results.SwitchLatenciesMs.Length)} pairs to BCP ({settings.LoadParallelism} in flight)", Format.Seconds(results.SwitchTime),
            $"p50 {Format.Ms(SampleStatistics.Median(results.SwitchLatenciesMs))} ms, p99 {Format.Ms(SampleStatistics.Percentile(results.SwitchLatenciesMs, 99))} ms per switch", "report");
        var herd = results.Herd!;
        table.AddRow($"Herd: {Format.Count(herd.Sent)} distinct logins of the switched pairs' users within {Format.Seconds(settings.HerdWindow)}: completion",
            Format.Seconds(results.HerdCompletion), $"sent over {Format.Seconds(herd.SendSpan)}, sender lag ≤ {Format.Ms(herd.MaxSenderLagMs)} ms",
            $"≤ {Format.Seconds(settings.HerdWindow + TimeSpan.FromSeconds(1))}: {(results.HerdCompletion <= settings.HerdWindow + TimeSpan.FromSeconds(1) ? "met" : "MISSED")}");
        table.AddRow("Herd: p50 / p99 ms", $"{Format.Ms(SampleStatistics.Median(herd.LatenciesMs))} / {Format.Ms(SampleStatistics.Percentile(herd.LatenciesMs, 99))}",
            $"max {Format.Ms(herd.LatenciesMs.DefaultIfEmpty(double.NaN).Max())}", "report");
        table.AddRow("Herd: non-2xx (or no answer)", Format.Count(results.HerdNonSuccess), "", "0");
        table.AddRow("Herd: 2xx answers not right for the BCP side (every answer checked)", Format.Count(herd.Errors - results.HerdNonSuccess),
            string.IsNullOrEmpty(results.HerdProblems) ? "each: active side bcp, direct/selector/denied by BCP type, the BCP tenant" : results.HerdProblems, "0");
        table.AddRow("Api VmRSS at the end (VmHWM over the whole run)", ScaleEmbeddedSuite.Megabytes(results.RssAtEnd),
            $"peak {ScaleEmbeddedSuite.Megabytes(results.PeakOverall)}; {GcMemory.Describe(results.GcAtEnd)}", "");

        var method =
            $"One Api host of its own (Production, one silo, SQLite) with {Format.Count(results.Pairs)} pairs made over HTTP and {Format.Count(results.Users)} users spread evenly over their primaries. " +
            "The users (with the one role, team, skill, script, hours and voice point of contact their references need) and their username claims are made by the product's own writers " +
            "(Silo/Config/StoreTenantConfiguration.cs, UsernameIndex.cs, Silo/Freshness/ChangeStamps.cs) into a store in the harness's memory, then written into the Api's SQLite file " +
            $"{settings.PairsPerBatch} pairs per transaction (Benchmarks/Suites/ScaleLoader.cs, ScaleSqliteSink.cs) while the Api runs. BCP types none / single / multiple in turn. " +
            $"{settings.KeptBoundNote}.";
        var notes = new List<string>
        {
            "Fixed-rate runs: the harness's open-loop sender (Benchmarks/Measurement/FixedRate.cs), latency from each request's scheduled start; the sender shares the 2 cores " +
                "with the Api (and with the other work on this machine), so at 5,000/s a good part of the tail is the sender's own CPU.",
            "Cold: the draws come before any login, so nearly every request reads the claim and the user from SQLite; warm: after every user was asked once (all kept, unless a bound evicts).",
            $"Herd: {Format.Count(results.SwitchLatenciesMs.Length)} pairs switched to BCP over HTTP (passkey); then distinct users of those pairs at a fixed rate, " +
                "each answer parsed and checked against the login rules for the BCP side (Benchmarks/Suites/LoginAnswerCheck.cs).",
        };
        if (results.Users != GoalUsers || settings.LoginRate != GoalRate)
        {
            notes.Add($"The goal is stated for {Format.Count(GoalUsers)} users at {Format.Rate(GoalRate)}/s; this run had {Format.Count(results.Users)} at {Format.Rate(settings.LoginRate)}/s, so its met/missed is indicative only.");
        }

        return new ReportSection($"Scale: embedded, {Format.Count(results.Users)} users over {Format.Count(results.Pairs)} pairs", method, table, notes);
    }

    private static void AddLogins(MarkdownTable table, string name, OpenLoopResult run, string failures, double rate, int users)
    {
        var p99 = SampleStatistics.Percentile(run.LatenciesMs, 99);
        table.AddRow(name, Format.Ms(p99),
            $"p50 {Format.Ms(SampleStatistics.Median(run.LatenciesMs))}, max {Format.Ms(run.LatenciesMs.DefaultIfEmpty(double.NaN).Max())}, {Format.Count(run.Sent)} sent at {Format.Rate(run.SentPerSecond)}/s, " +
            $"{Format.Count(run.Errors)} non-2xx{(failures.Length > 0 ? $" ({failures})" : "")}, sender lag ≤ {Format.Ms(run.MaxSenderLagMs)} ms",
            $"≤ {LoginP99GoalMs:0} ms at {Format.Rate(GoalRate)}/s, {Format.Count(GoalUsers)} users: {(p99 <= LoginP99GoalMs ? "met" : "MISSED")}{(users == GoalUsers && rate >= GoalRate ? "" : " (smaller run)")}");
    }
}
