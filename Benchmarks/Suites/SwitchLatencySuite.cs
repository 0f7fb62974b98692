using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// End-to-end latency of a passkey switch (request sent → response read), sequential, alternating
/// bcp/primary, on an Api host per store; SQLite and Azurite interleaved round by round, with the
/// PBKDF2 derivation measured alone in the same rounds for context.
/// </summary>
internal static class SwitchLatencySuite
{
    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var targets = new List<SwitchTarget>();
        var clients = new List<HttpClient>();
        try
        {
            if (options.SwitchLoaded)
            {
                targets.Add(await SwitchLoad.PrepareAsync(environment, options, "current", null, clients, cancellationToken));
                if (options.BaselineApiFolder is { } loadedBaseline)
                {
                    targets.Add(await SwitchLoad.PrepareAsync(environment, options, "baseline", loadedBaseline, clients, cancellationToken));
                }
            }
            else
            {
                await PrepareEmptyAsync(environment, options, targets, clients, cancellationToken);
            }

            foreach (var target in targets)
            {
                for (var i = 0; i < options.SwitchWarmup; i++)
                {
                    await SwitchOnceAsync(target, cancellationToken);
                }
            }

            Pbkdf2Probe.MeasureMs(targets[0].Pair.Passkey);
            var pbkdf2 = new List<double>();
            for (var round = 0; round < options.SwitchRounds; round++)
            {
                var order = round % 2 == 0 ? targets : Enumerable.Reverse(targets);
                foreach (var target in order)
                {
                    for (var i = 0; i < options.SwitchesPerRound; i++)
                    {
                        if (options.SwitchLoaded)
                        {
                            await SwitchLoad.MeasureAsync(target, () => SwitchOnceAsync(target, cancellationToken), cancellationToken);
                        }
                        else
                        {
                            target.LatenciesMs.Add(await SwitchOnceAsync(target, cancellationToken));
                        }
                    }
                }

                for (var i = 0; i < options.Pbkdf2PerRound; i++)
                {
                    pbkdf2.Add(Pbkdf2Probe.MeasureMs(targets[0].Pair.Passkey));
                }

                Log.Info($"switch: round {round + 1}/{options.SwitchRounds}: " + string.Join(", ", targets.Select(target =>
                    $"{Describe(target)} median {Format.Ms(SampleStatistics.Median(target.LatenciesMs.TakeLast(options.SwitchesPerRound)))} ms")));
            }

            report.Add(BuildSection(options, targets, pbkdf2));
        }
        finally
        {
            foreach (var client in clients)
            {
                client.Dispose();
            }
        }
    }

    /// <summary>A pair on the shared host of each store, and with <c>--baseline-api</c> one on the baseline build (SQLite).</summary>
    private static async Task PrepareEmptyAsync(
        BenchmarkEnvironment environment, BenchmarkOptions options, List<SwitchTarget> targets, List<HttpClient> clients, CancellationToken cancellationToken)
    {
        foreach (var store in (StoreKind[])[StoreKind.Sqlite, StoreKind.Azurite])
        {
            Log.Info($"switch: preparing a pair on the {store} host");
            targets.Add(await PrepareAsync(environment, store, await environment.GetApiAsync(store, cancellationToken), "current", clients, cancellationToken));
        }

        if (options.BaselineApiFolder is { } baselineFolder)
        {
            // The build before a change, on SQLite beside the current one, in the same interleaved rounds.
            Log.Info($"switch: starting the baseline Api from {baselineFolder}");
            var storage = await environment.NewStorageAsync(StoreKind.Sqlite, "switch-baseline", cancellationToken);
            var baseline = await environment.StartApiAsync("switch-baseline", storage, baselineFolder, cancellationToken);
            targets.Add(await PrepareAsync(environment, StoreKind.Sqlite, baseline, "baseline", clients, cancellationToken));
        }
    }

    private static async Task<SwitchTarget> PrepareAsync(
        BenchmarkEnvironment environment, StoreKind store, ApiServer api, string build, List<HttpClient> clients, CancellationToken cancellationToken)
    {
        using var operatorClient = ApiCalls.CreateClient(api.BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, $"Switch benchmark {store} {build}", cancellationToken);
        // A tenant admin of the primary tenant with the activation permission, as the admin UI calls it.
        var client = ApiCalls.CreateClient(api.BaseAddress, environment.Token("admin-1", pair.PrimaryTenantId, Permissions.ActivationEdit));
        clients.Add(client);
        return new SwitchTarget(store, api, pair, client, build);
    }

    /// <summary>One switch to the other side; returns its latency. Anything but a 200 "switched" stops the suite.</summary>
    private static async Task<double> SwitchOnceAsync(SwitchTarget target, CancellationToken cancellationToken)
    {
        var path = $"/tenant-pairs/{target.Pair.PairId}/active-side";
        var start = Stopwatch.GetTimestamp();
        using var response = await target.Client.PutAsJsonAsync(path, new { side = target.NextSide, passkey = target.Pair.Passkey }, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, $"PUT active-side on {Describe(target)}", cancellationToken);
        if (body.GetProperty("outcome").GetString() != "switched" || body.GetProperty("activeSide").GetString() != target.NextSide)
        {
            throw new InvalidOperationException($"The switch on {Describe(target)} did not switch to {target.NextSide}: {body}");
        }

        target.NextSide = target.NextSide == "bcp" ? "primary" : "bcp";
        return elapsed;
    }

    private static ReportSection BuildSection(BenchmarkOptions options, List<SwitchTarget> targets, List<double> pbkdf2)
    {
        var table = new MarkdownTable("Measured", "Samples", "Median ms", "p90 ms", "p99 ms", "Min ms", "Max ms");
        foreach (var target in targets)
        {
            if (options.SwitchLoaded)
            {
                AddRow(table, $"Switch to BCP, a sync run just started, Api on {Describe(target)} (pid {target.Api.ProcessId})", target.LatenciesMs);
                AddRow(table, $"Switch back to the primary, no run, Api on {Describe(target)}", target.QuietLatenciesMs);
            }
            else
            {
                AddRow(table, $"Switch, Api on {Describe(target)} (pid {target.Api.ProcessId})", target.LatenciesMs);
            }
        }

        AddRow(table, $"PBKDF2-SHA256 {Pbkdf2Probe.Iterations:N0} iterations alone (harness process)", pbkdf2);
        var pbkdf2Median = SampleStatistics.Median(pbkdf2);
        var notes = new List<string>
        {
            "A switch here: HTTP PUT → JWT validation and the switch policy → status read through the pair grain (visibility check) → " +
            "switch turn on the pair grain: one PBKDF2 verification while the pair's audit grain numbers the entry, a conditional replace of the pair state, the push to every node → JSON reply (the entry goes to the trail just after the reply).",
            "Median beyond PBKDF2 (switch median − PBKDF2 median): " + string.Join(", ", targets.Select(target =>
                $"{Describe(target)} {Format.Ms(SampleStatistics.Median(target.LatenciesMs) - pbkdf2Median)} ms")) + ".",
            $"p99 is nearest rank: of {targets[0].LatenciesMs.Count} samples it is the {TailRank(targets[0].LatenciesMs.Count)}-slowest switch; " +
            "read it as a rough tail, not a stable figure.",
        };
        var method =
            $"Sequential switches, one at a time, alternating bcp/primary with the right passkey, on one pair per host. " +
            $"{options.SwitchRounds} rounds; each round runs {options.SwitchesPerRound} switches on each host (the host that goes first alternates; with --baseline-api a third host runs the baseline build on SQLite) " +
            $"and then {options.Pbkdf2PerRound} PBKDF2 derivations alone; {options.SwitchWarmup} warm-up switches per store first. " +
            "Latency is from sending the request to having read the whole response, measured in the harness process; each Api runs as its own process.";
        if (options.SwitchLoaded)
        {
            notes.Add("Loaded: each pair's primary holds the reference tenant (" + string.Join(", ", targets.Select(target => $"{Describe(target)} {target.Loaded:N0} entities")) +
                "), synced once before the rounds. Each switch to BCP follows the start of a no-change sync run on the pair at once; the switch stops the run if it is still under way (" +
                string.Join(", ", targets.Select(target => $"{Describe(target)}: {target.RunsStopped} of {target.SyncRuns} runs stopped")) + "; the others had ended before the switch committed). The median beyond PBKDF2 is of these switches.");
        }

        return new ReportSection(options.SwitchLoaded ? "Switch latency end to end, large tenant with sync runs in flight" : "Switch latency end to end", method, table, notes);
    }

    private static void AddRow(MarkdownTable table, string name, List<double> samples) =>
        table.AddRow(
            name,
            Format.Count(samples.Count),
            Format.Ms(SampleStatistics.Median(samples)),
            Format.Ms(SampleStatistics.Percentile(samples, 90)),
            Format.Ms(SampleStatistics.Percentile(samples, 99)),
            Format.Ms(samples.Min()),
            Format.Ms(samples.Max()));

    private static string TailRank(int samples)
    {
        var fromTop = samples - (int)Math.Ceiling(0.99 * samples) + 1;
        return fromTop switch { 1 => "1st", 2 => "2nd", 3 => "3rd", _ => $"{fromTop}th" };
    }

    private static string Describe(SwitchTarget target) =>
        (target.Store == StoreKind.Sqlite ? "SQLite" : "Azurite (Blob REST)") + (target.Build == "current" ? "" : $" ({target.Build})");
}
