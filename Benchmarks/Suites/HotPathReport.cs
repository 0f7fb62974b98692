using System.Globalization;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The hot-path suite's section of the report: rates and ratios, half-rate p99, the herd, memory.</summary>
internal static class HotPathReport
{
    public static ReportSection Build(HotPathSettings settings, HotPathResults results)
    {
        var table = new MarkdownTable("Measured", "Value", "Per round / detail", "Target");
        string[] hosts = results.HasBaseline ? ["", HotPathSuite.BaselineSuffix] : [""];
        foreach (var name in hosts.SelectMany(host => new[] { HotPathSuite.Alive + host, HotPathSuite.Login + host, HotPathSuite.Routing + host }))
        {
            var rounds = results.Rounds[name];
            table.AddRow($"{name}: max req/s, median of rounds", Format.Rate(Median(results, name)),
                string.Join(" / ", rounds.Select(round => Format.Rate(round.PerSecond))), "");
            var allocated = rounds.Select(round => round.ApiBytesPerRequest).OfType<double>().ToList();
            table.AddRow($"{name}: p50 / p99 ms at max (wrk, median of rounds); Api CPU µs/req; Api bytes allocated/req",
                $"{Format.Ms(SampleStatistics.Median(rounds.Select(round => round.Load.P50Ms)))} / {Format.Ms(SampleStatistics.Median(rounds.Select(round => round.Load.P99Ms)))}",
                $"{Format.Rate(SampleStatistics.Median(rounds.Select(round => round.ApiCpuMicrosecondsPerRequest)))} µs CPU/req, " +
                $"{(allocated.Count > 0 ? Format.Rate(SampleStatistics.Median(allocated)) : "n/a")} B allocated/req, {rounds.Sum(round => round.Load.Errors)} errors", "");
        }

        foreach (var host in hosts)
        {
            var floor = Median(results, HotPathSuite.Alive + host);
            foreach (var name in new[] { HotPathSuite.Login + host, HotPathSuite.Routing + host })
            {
                var ratio = Median(results, name) / floor;
                var paired = results.Rounds[name].Zip(results.Rounds[HotPathSuite.Alive + host], (hot, alive) => hot.PerSecond / alive.PerSecond);
                table.AddRow($"Ratio {name} ÷ /alive (medians)", Format.Ratio(ratio), string.Join(" / ", paired.Select(Format.Ratio)),
                    $"≥ 0.85: {(ratio >= 0.85 ? "met" : "NOT met")}");
            }
        }

        if (results.HasBaseline)
        {
            // Each build's ratio to its own /alive in the same round, current ÷ baseline: what the change costs, net of the machine's drift.
            foreach (var name in new[] { HotPathSuite.Login, HotPathSuite.Routing })
            {
                var current = results.Rounds[name].Zip(results.Rounds[HotPathSuite.Alive], (hot, alive) => hot.PerSecond / alive.PerSecond).ToList();
                var before = results.Rounds[name + HotPathSuite.BaselineSuffix]
                    .Zip(results.Rounds[HotPathSuite.Alive + HotPathSuite.BaselineSuffix], (hot, alive) => hot.PerSecond / alive.PerSecond).ToList();
                var change = current.Zip(before, (now, then) => now / then).ToList();
                table.AddRow($"{name}: ratio to /alive, this build ÷ baseline (per round)", Format.Ratio(SampleStatistics.Median(change)),
                    $"{string.Join(" / ", change.Select(Format.Ratio))} (range {Format.Ratio(change.Min())}–{Format.Ratio(change.Max())})", "≈ 1.00");
            }
        }

        foreach (var (name, (rate, run)) in results.HalfRate)
        {
            table.AddRow($"{name}: p99 ms open loop at half max ({Format.Rate(rate)}/s for {Format.Seconds(settings.HalfRateDuration)})",
                Format.Ms(SampleStatistics.Percentile(run.LatenciesMs, 99)),
                $"p50 {Format.Ms(SampleStatistics.Median(run.LatenciesMs))}, max {Format.Ms(run.LatenciesMs.DefaultIfEmpty(double.NaN).Max())}, {Format.Count(run.Sent)} sent at {Format.Rate(run.SentPerSecond)}/s, " +
                $"{Format.Count(run.Errors)} errors, sender lag ≤ {Format.Ms(run.MaxSenderLagMs)} ms", "report");
        }

        var herd = results.Herd!;
        table.AddRow("Switch to BCP (PUT active-side) before the herd, ms", Format.Ms(results.SwitchMs), "", "");
        table.AddRow($"Herd: {Format.Count(herd.Sent)} distinct usernames within {Format.Seconds(settings.HerdWindow)} of the switch: p99 ms",
            Format.Ms(SampleStatistics.Percentile(herd.LatenciesMs, 99)),
            $"p50 {Format.Ms(SampleStatistics.Median(herd.LatenciesMs))}, max {Format.Ms(herd.LatenciesMs.DefaultIfEmpty(double.NaN).Max())}, sent over {Format.Seconds(herd.SendSpan)}, sender lag ≤ {Format.Ms(herd.MaxSenderLagMs)} ms",
            "report");
        table.AddRow("Herd: answers wrong or failed", Format.Count(herd.Errors),
            herd.Errors == 0 ? "every answer right for its BCP type and the BCP side" : string.Join("; ", results.HerdProblems.Select(problem => $"{problem.Key} × {problem.Value}")), "0");
        table.AddRow("Every username asked once (primary active): wrong answers", Format.Count(results.EveryUserWrong),
            $"{Format.Count(results.Users)} users in {Format.Seconds(results.EveryUserPass!.Elapsed)}", "0");
        var cold = results.EveryUserPass!;
        var again = results.EveryUserAgain!;
        table.AddRow($"One login at a time, {Format.Count(results.MissLatencies.Length)} usernames: not kept (claim and user read from the store) → kept, p50 / p99 ms",
            $"{Format.Ms(SampleStatistics.Median(results.MissLatencies))} / {Format.Ms(SampleStatistics.Percentile(results.MissLatencies, 99))} → " +
            $"{Format.Ms(SampleStatistics.Median(results.HitLatencies))} / {Format.Ms(SampleStatistics.Percentile(results.HitLatencies, 99))}",
            $"each username asked twice back to back; {Format.Count(results.MissThenHitWrong)} wrong", "report");
        table.AddRow("Every username asked once, nothing kept yet but those (32 at a time): login p50 / p99 ms", $"{Format.Ms(SampleStatistics.Median(cold.LatenciesMs))} / {Format.Ms(SampleStatistics.Percentile(cold.LatenciesMs, 99))}",
            "each a miss: claim and user read from the store", "report");
        table.AddRow("Every username asked again: login p50 / p99 ms", $"{Format.Ms(SampleStatistics.Median(again.LatenciesMs))} / {Format.Ms(SampleStatistics.Percentile(again.LatenciesMs, 99))}",
            $"{Format.Count(again.Errors)} wrong; Api VmRSS after {Megabytes(results.RssAfterAgain)} (KeptEntries:LoginMaxBytes as the host was started)", "0 wrong");
        table.AddRow("Api VmRSS loaded, before any login", Megabytes(results.RssLoaded), "", "");
        table.AddRow("Api VmRSS right after every username was asked once (VmHWM during that pass)", Megabytes(results.RssAfterEveryUser),
            $"peak {Megabytes(results.PeakDuringEveryUser)}", "report");
        table.AddRow("Api VmRSS at the end of the suite (VmHWM since that pass)", Megabytes(results.RssAtEnd), $"peak {Megabytes(results.PeakOverall)}", "");
        table.AddRow($"Kept login entries for {results.Pairs} pairs × {Format.Count(results.KeptLoginUsers / Math.Max(1, results.Pairs))} users (managed heap, in the harness)",
            Megabytes(results.KeptLoginBytes), $"{Format.Count((int)(results.KeptLoginBytes / Math.Max(1, results.KeptLoginUsers)))} bytes per username " +
            $"(their weight against the bound: {Format.Count((int)(results.KeptLoginWeight / Math.Max(1, results.KeptLoginUsers)))})", "≤ 300 bytes");
        var bounded = results.BoundedLogins;
        table.AddRow($"Kept login entries after {Format.Count(bounded.Usernames)} usernames under a bound of {Megabytes(bounded.MaxBytes)} (managed heap, in the harness)",
            Megabytes(bounded.HeapBytes), $"most weight held at any point {Megabytes(bounded.MostWeight)}", $"≤ {Megabytes(bounded.MaxBytes)}");
        table.AddRow($"Api VmRSS projected with all {Format.Count(results.KeptLoginUsers)} users kept (loaded RSS + kept entries)",
            Megabytes(results.RssLoaded + results.KeptLoginBytes), "projection, not a measurement of the Api", "report");

        var large = settings.LargeTenant;
        var small = settings.SmallTenant;
        var method =
            $"One Api host of its own (Production, one silo, SQLite, pid {results.ApiProcessId}) with {results.Pairs} pairs made over HTTP. Primary tenants written by the harness " +
            $"straight into the host's SQLite file (Demo/ReferenceTenantGenerator.cs): pair 1 holds {(settings.Quick ? "5% of " : "")}the reference tenant " +
            $"({Format.Count(large.Users)} users, {Format.Count(large.VoicePointsOfContact)} voice + {Format.Count(large.OtherPointsOfContact)} other points of contact, {Format.Count(large.Total)} entities), " +
            $"the other {results.Pairs - 1} pairs 2% of it each ({Format.Count(small.Users)} users, {Format.Count(small.VoicePointsOfContact)} voice points of contact, {Format.Count(small.Total)} entities): " +
            $"{Format.Count(results.Users)} users and {Format.Count(results.VoiceAddresses)} voice numbers in all, loaded in {Format.Seconds(results.LoadTime)}. " +
            "Users get BCP types none / single / multiple in turn (a third each); every username and voice number is claimed in the control-store indexes " +
            "(Silo/Config/UsernameIndex.cs, VoiceAddressIndex.cs) by the harness on the same store, as the API's create would. " +
            $"Load generator: {results.Generator}, on the same 2 cores as the Api. {settings.Rounds} rounds × {Format.Seconds(settings.RoundDuration)} per endpoint, " +
            $"interleaved (order reversed every other round), after {Format.Seconds(settings.Warmup)} warm-up each; login rotates over all {Format.Count(results.Users)} usernames " +
            $"and routing over all {Format.Count(results.VoiceAddresses)} numbers in a shuffled order, with a `bcp.login.read` bearer token.";
        var notes = new List<string>
        {
            "Half-rate p99: the harness's fixed-rate open-loop sender (Benchmarks/Measurement/FixedRate.cs; Debian has wrk but not wrk2) at half the median max rate; " +
                "latency from each request's scheduled start, so sender or server stalls are counted, not hidden. Its HttpClient costs more CPU per request than wrk on the shared cores.",
            $"Herd: the large pair switched to BCP over HTTP (passkey); as soon as the 200 arrived, {Format.Count(herd.Sent)} distinct usernames of that pair " +
                $"({string.Join(", ", results.HerdTypes.Select(type => $"{type.Key} {Format.Count(type.Value)}"))}) were sent at a fixed rate, each answer checked against the login rules of docs/api.md " +
                "for the BCP side (none → denied, single → direct to the BCP tenant, multiple → selector with BCP marked active; activeSide bcp).",
            "Memory: VmRSS / VmHWM of the Api from /proc. Login keeps every username it was asked for (claim and user, Silo/Login/KeptLogin.cs) until its tenant's " +
                "users change, up to KeptEntries:LoginMaxBytes (256 MiB unless the host was started with another bound, e.g. BCP_BENCH_API_KeptEntries__LoginMaxBytes), " +
                "so after the every-user pass all loaded users are kept if they fit. The 100 × 10,000 figure is the same KeptLogins filled in the harness process, unbounded, " +
                "and weighed with GC.GetTotalMemory after a full collection; the bounded figure fills one under a small bound and checks its weight after every username. " +
                "The Api's RSS also holds GC heap not yet handed back, so RSS grows by more than that.",
            "wrk counts non-2xx answers as errors but does not check bodies; correctness is checked in the every-user pass and in the herd (every answer parsed).",
        };
        if (results.HasBaseline)
        {
            notes.Add("Baseline: the `--baseline-api` build as a second host on a SQLite file of its own, loaded with the same pairs and asked for every username once, " +
                "its three endpoints in the same interleaved rounds; half rate, the herd and memory are the current build's only.");
        }

        foreach (var (name, rounds) in results.Rounds.Where(entry => entry.Value.Any(round => round.Load.Errors > 0)))
        {
            notes.Add($"{name}: {rounds.Sum(round => round.Load.Errors)} errors over the rounds (non-2xx or socket errors).");
        }

        return new ReportSection("Hot paths: login options and voice routing", method, table, notes);
    }

    private static double Median(HotPathResults results, string name) => SampleStatistics.Median(results.Rounds[name].Select(round => round.PerSecond));

    private static string Megabytes(long? bytes) =>
        bytes is { } value ? (value / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MB" : "n/a";
}
