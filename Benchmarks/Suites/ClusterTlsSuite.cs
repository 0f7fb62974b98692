using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// What mutual TLS between the silos costs: two clusters of two Api processes each on Azurite (azure profile), one with
/// the run's cluster certificates and one with <c>Cluster:Tls:InsecurePlaintext</c>, measured in interleaved rounds.
/// Per cluster: a read that makes one grain call (the caller's switch attempts) through the node that does not hold
/// the pair (one cross-silo round trip) and through the node that does (none); and a switch's propagation, from the
/// switch's 200 until the other node's status read shows the new side.
/// </summary>
internal static class ClusterTlsSuite
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        var targets = new List<ClusterTlsTarget>();
        try
        {
            targets.Add(await StartAsync(environment, "TLS on", "tls-on", tls: true, cancellationToken));
            targets.Add(await StartAsync(environment, "plaintext", "tls-off", tls: false, cancellationToken));
            foreach (var target in targets)
            {
                await MeasureRoundAsync(target, options.ClusterTlsCallsPerRound / 4, 2, record: false, cancellationToken);
            }

            for (var round = 0; round < options.ClusterTlsRounds; round++)
            {
                var order = round % 2 == 0 ? targets : Enumerable.Reverse(targets);
                foreach (var target in order)
                {
                    await MeasureRoundAsync(target, options.ClusterTlsCallsPerRound, options.ClusterTlsSwitchesPerRound, record: true, cancellationToken);
                }
            }

            foreach (var target in targets)
            {
                foreach (var node in target.Nodes)
                {
                    node.EnsureRunning();
                }

                Log.Info($"cluster-tls: {target.Name}: cross-silo read median {Format.Ms(SampleStatistics.Median(target.CrossSiloMs))} ms, " +
                    $"local {Format.Ms(SampleStatistics.Median(target.LocalMs))} ms, propagation {Format.Ms(SampleStatistics.Median(target.PropagationMs))} ms");
            }

            report.Add(BuildSection(options, targets));
        }
        finally
        {
            foreach (var target in targets)
            {
                foreach (var client in target.Admins)
                {
                    client.Dispose();
                }

                foreach (var node in target.Nodes)
                {
                    await node.DisposeAsync();
                }
            }
        }
    }

    private static async Task<ClusterTlsTarget> StartAsync(
        BenchmarkEnvironment environment, string name, string label, bool tls, CancellationToken cancellationToken)
    {
        Log.Info($"cluster-tls: starting two Api nodes on Azurite, {name}");
        var storage = await environment.NewStorageAsync(StoreKind.Azurite, label, cancellationToken);
        // Every Azurite node gets the run's certificates (BenchmarkEnvironment); the plaintext cluster unsets them by name.
        var more = tls ? null : new Dictionary<string, string>
        {
            ["Cluster__Tls__CertificatePath"] = "",
            ["Cluster__Tls__KeyPath"] = "",
            ["Cluster__Tls__CaPath"] = "",
            ["Cluster__Tls__InsecurePlaintext"] = "true",
        };
        var nodes = new[]
        {
            await environment.StartApiAsync($"api-{label}-a", storage, null, cancellationToken, more),
            await environment.StartApiAsync($"api-{label}-b", storage, null, cancellationToken, more),
        };
        await WaitForRingAsync(nodes, cancellationToken);

        using var operatorClient = ApiCalls.CreateClient(nodes[0].BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, $"Cluster TLS benchmark {label}", cancellationToken);
        var admins = nodes.Select(node => ApiCalls.CreateClient(node.BaseAddress, environment.Token("admin-1", pair.PrimaryTenantId, Permissions.ActivationEdit))).ToArray();
        await ReadAttemptsAsync(admins[0], pair, cancellationToken);
        var holders = new List<int>();
        for (var i = 0; i < nodes.Length; i++)
        {
            if (await PairActivationsAsync(nodes[i], cancellationToken) > 0)
            {
                holders.Add(i);
            }
        }

        if (holders.Count != 1)
        {
            throw new InvalidOperationException($"Expected exactly one node to hold the pair's activation, found {holders.Count}.");
        }

        return new ClusterTlsTarget(name, nodes, pair, admins, holders[0]);
    }

    private static async Task MeasureRoundAsync(ClusterTlsTarget target, int calls, int switches, bool record, CancellationToken cancellationToken)
    {
        var crossSilo = new List<double>();
        var local = new List<double>();
        var propagation = new List<double>();
        var other = 1 - target.Holder;
        for (var i = 0; i < calls; i++)
        {
            // Alternating, so both see the same moments of the machine.
            crossSilo.Add(await ReadAttemptsAsync(target.Admins[other], target.Pair, cancellationToken));
            local.Add(await ReadAttemptsAsync(target.Admins[target.Holder], target.Pair, cancellationToken));
        }

        for (var i = 0; i < switches; i++)
        {
            propagation.Add(await SwitchAndWatchAsync(target, switching: i % 2, cancellationToken));
        }

        if (record)
        {
            target.CrossSiloMs.AddRange(crossSilo);
            target.LocalMs.AddRange(local);
            target.PropagationMs.AddRange(propagation);
            target.CrossSiloRoundMedians.Add(SampleStatistics.Median(crossSilo));
            target.LocalRoundMedians.Add(SampleStatistics.Median(local));
            target.PropagationRoundMedians.Add(SampleStatistics.Median(propagation));
        }
    }

    /// <summary>One read of the caller's switch attempts: one grain call to the pair.</summary>
    private static async Task<double> ReadAttemptsAsync(HttpClient admin, BenchPair pair, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await admin.GetAsync($"/tenant-pairs/{pair.PairId}/active-side/attempts", cancellationToken);
        await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "GET attempts", cancellationToken);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>A switch through node <paramref name="switching"/>; the time from its 200 until the other node's status read shows it.</summary>
    private static async Task<double> SwitchAndWatchAsync(ClusterTlsTarget target, int switching, CancellationToken cancellationToken)
    {
        var side = target.NextSide;
        target.NextSide = side == "bcp" ? "primary" : "bcp";
        var expected = side == "bcp" ? target.Pair.BcpTenantId : target.Pair.PrimaryTenantId;
        using (var response = await target.Admins[switching].PutAsJsonAsync(
            $"/tenant-pairs/{target.Pair.PairId}/active-side", new { side, passkey = target.Pair.Passkey }, cancellationToken))
        {
            var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "PUT active-side", cancellationToken);
            if (body.GetProperty("outcome").GetString() != "switched")
            {
                throw new InvalidOperationException($"The switch did not switch: {body}");
            }
        }

        var answered = Stopwatch.GetTimestamp();
        while ((await ApiCalls.GetStatusAsync(target.Admins[1 - switching], target.Pair.PairId, cancellationToken)).GetProperty("activeTenantId").GetString() != expected)
        {
            if (Stopwatch.GetElapsedTime(answered) > GiveUpAfter)
            {
                throw new InvalidOperationException($"The other node still showed the old side {GiveUpAfter.TotalSeconds} s after the switch to {side} answered 200.");
            }
        }

        return Stopwatch.GetElapsedTime(answered).TotalMilliseconds;
    }

    private static async Task WaitForRingAsync(ApiServer[] nodes, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            var sizes = await Task.WhenAll(nodes.Select(node => MetricAsync(node, "consistent_ring_size", null, cancellationToken)));
            if (sizes.All(size => size == nodes.Length))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The nodes did not form one cluster: ring sizes {string.Join(", ", sizes)}.");
            }

            await Task.Delay(200, cancellationToken);
        }
    }

    private static Task<double> PairActivationsAsync(ApiServer node, CancellationToken cancellationToken) =>
        MetricAsync(node, "catalog_activations", "grain_type=\"tenantpair\"", cancellationToken);

    /// <summary>The sum of one Orleans metric on the node's <c>/metrics</c>, over the series whose labels contain <paramref name="label"/>.</summary>
    private static async Task<double> MetricAsync(ApiServer node, string name, string? label, CancellationToken cancellationToken)
    {
        using var client = ApiCalls.CreateClient(node.BaseAddress, null);
        var text = await client.GetStringAsync("/metrics", cancellationToken);
        var series = "microsoft_orleans_orleans_" + name;
        var sum = 0.0;
        foreach (var line in text.Split('\n'))
        {
            if ((line.StartsWith(series + " ", StringComparison.Ordinal) || line.StartsWith(series + "{", StringComparison.Ordinal))
                && (label is null || line.Contains(label, StringComparison.Ordinal))
                && double.TryParse(line[(line.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                sum += value;
            }
        }

        return sum;
    }

    private static ReportSection BuildSection(BenchmarkOptions options, List<ClusterTlsTarget> targets)
    {
        var table = new MarkdownTable("Measured", "Cluster", "Samples", "Median ms", "p90 ms", "Round medians ms (min–max)");
        foreach (var (what, samples, rounds) in (ValueTuple<string, Func<ClusterTlsTarget, List<double>>, Func<ClusterTlsTarget, List<double>>>[])[
            ("Read with a cross-silo grain call", target => target.CrossSiloMs, target => target.CrossSiloRoundMedians),
            ("Same read, grain on the node asked", target => target.LocalMs, target => target.LocalRoundMedians),
            ("Switch's 200 → other node shows it", target => target.PropagationMs, target => target.PropagationRoundMedians),
        ])
        {
            foreach (var target in targets)
            {
                table.AddRow(
                    what,
                    target.Name,
                    Format.Count(samples(target).Count),
                    Format.Ms(SampleStatistics.Median(samples(target))),
                    Format.Ms(SampleStatistics.Percentile(samples(target), 90)),
                    $"{Format.Ms(rounds(target).Min())}–{Format.Ms(rounds(target).Max())}");
            }
        }

        var method =
            "Two clusters of two Api processes each on one Azurite (azure profile), running at the same time: one with mutual TLS " +
            "(the run's throw-away CA and node certificate), one with Cluster:Tls:InsecurePlaintext. " +
            $"{options.ClusterTlsRounds} rounds, the clusters' order alternating; per round and cluster {options.ClusterTlsCallsPerRound} reads of " +
            "GET /tenant-pairs/{id}/active-side/attempts (one grain call to the pair) alternating between the node that does not hold the pair's " +
            $"activation (one cross-silo round trip) and the node that does, then {options.ClusterTlsSwitchesPerRound} passkey switches alternating the " +
            "node asked, each followed by status reads on the other node until it shows the new side.";
        var notes = new List<string>
        {
            "The cross-silo hop's cost is the difference between the first two rows; TLS's cost is the difference between the clusters.",
            "Propagation's resolution is one status read round trip on loopback.",
        };
        return new ReportSection("Mutual TLS between silos: cross-silo call and switch propagation", method, table, notes);
    }
}
