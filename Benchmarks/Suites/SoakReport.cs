using System.Globalization;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The soak's two report sections: the requests by kind, and the end checks.</summary>
internal static class SoakReport
{
    public static ReportSection Requests(
        SoakSettings settings, IReadOnlyCollection<SoakKindStats> stats, SoakFaults faults, string membership, DateTimeOffset loadStartedAt)
    {
        var table = new MarkdownTable("Request", "Count", "2xx", "Non-2xx by status", "500", "Node down", "Longest unavailable", "p50 ms", "p99 ms");
        foreach (var kind in SoakKinds.All)
        {
            var entry = stats.FirstOrDefault(candidate => candidate.Kind == kind);
            if (entry is null)
            {
                continue;
            }

            var others = entry.NonSuccessByAnswer.Select(answer => $"{answer.Value} × {answer.Key}");
            table.AddRow(
                kind,
                Format.Count(entry.Requests),
                Format.Count(entry.Succeeded),
                string.Join(", ", others) is { Length: > 0 } text ? text : "—",
                Format.Count(entry.Count(500)),
                Format.Count(entry.NodeDown),
                entry.LongestWindow == TimeSpan.Zero
                    ? "0 s"
                    : $"{Format.Seconds(entry.LongestWindow)} from {Format.Seconds(entry.LongestWindowStart!.Value - loadStartedAt)}{(entry.OpenAtEnd ? " (open at the end)" : "")}",
                entry.LatenciesMs.Count == 0 ? "—" : Format.Ms(SampleStatistics.Median(entry.LatenciesMs)),
                entry.LatenciesMs.Count == 0 ? "—" : Format.Ms(SampleStatistics.Percentile(entry.LatenciesMs, 99)));
        }

        var method =
            $"A loopback cluster started by the harness: three Api processes (silos of one Orleans cluster, azure profile; membership {membership}), " +
            $"a control Azurite (Blob and Table) and one Blob Azurite per region ({SoakSettings.PrimaryRegion}, {SoakSettings.BcpRegion}), all on disk. " +
            $"{settings.Pairs} pairs (primary {SoakSettings.PrimaryRegion}, BCP {SoakSettings.BcpRegion}) seeded over HTTP with {settings.SkillsPerPair} skills, " +
            $"{settings.VoicePointsPerPair} voice points of contact and {settings.UsersPerPair} users (BCP types none/single/multiple) each, synced once. " +
            $"For {settings.Duration.TotalMinutes:0.#} min: {settings.MixWorkers} closed-loop workers (50 ms pause after each request) mix login options 35%, " +
            $"voice routing 25%, pair status 20%, creates 8% and full replaces 12% of skills and users in the primaries; per pair a sync run now every " +
            $"{settings.SyncEvery.TotalSeconds:0} s and every {settings.SwitchEvery.TotalSeconds:0} s a switch to BCP and, {settings.BcpHold.TotalSeconds:0} s later, back " +
            $"(retried until 200); at most {settings.InFlight} requests in flight, each to a live node at random. Faults: every {settings.KillEvery.TotalMinutes:0} min " +
            $"`kill -9` of a node in turn, started again {settings.DownFor.TotalSeconds:0} s later on the same ports; once, at {settings.CutAt.TotalSeconds:0} s, " +
            $"the {settings.CutRegion} store stopped for {settings.CutFor.TotalSeconds:0} s (SIGTERM, so Azurite keeps what it acknowledged).";
        var notes = new List<string>
        {
            "Node down: requests sent while their node was being killed (lost with its connection) — not the product's failures; the load goes to live nodes only. " +
            "No answer: a live node did not answer within 30 s or dropped the connection.",
            "Longest unavailable: the longest time from a request of the kind answered 5xx or not at all (by a live node) until a 2xx to one sent after it " +
            "(any pair, any node), and when it began on the load's time line. 4xx answers (409 sync-running, 409 concurrent-update) are the product " +
            "answering and do not open a window.",
            "Latency percentiles are over the 2xx answers, nearest rank.",
            "Faults: " + string.Join("; ", faults.Timeline),
        };
        foreach (var entry in stats.Where(entry => SoakKinds.All.Contains(entry.Kind)))
        {
            foreach (var (status, example) in entry.Examples)
            {
                notes.Add(string.Create(CultureInfo.InvariantCulture, $"First {(status == 0 ? "no answer" : status.ToString(CultureInfo.InvariantCulture))} of {entry.Kind}: `{example.ReplaceLineEndings(" ")}`"));
            }
        }

        return new ReportSection("Soak with faults: requests", method, table, notes);
    }

    public static ReportSection Checks(IReadOnlyList<SoakCheck> checks)
    {
        var table = new MarkdownTable("End check", "Result", "Figures");
        foreach (var check in checks)
        {
            table.AddRow(check.Name, check.Passed ? "pass" : "FAIL", check.Figures);
        }

        return new ReportSection(
            "Soak with faults: end checks",
            "After the load stopped and every node and store was back, read through the API (retried while the cluster answers 5xx or not at all).",
            table,
            []);
    }
}
