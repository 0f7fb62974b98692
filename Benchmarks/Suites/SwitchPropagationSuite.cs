using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// How soon every node answers login options with the new side after a switch answered 200 on one of them:
/// two Api processes on one SQLite file forming one Orleans cluster, switches alternating between the nodes,
/// both nodes polled right after each 200 until both show the switch (the target: 100 ms p99; the spec: 1 s).
/// </summary>
internal static class SwitchPropagationSuite
{
    private const string Username = "propagation@bench.example";
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchmarkEnvironment environment, BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        Log.Info("propagation: starting two Api nodes on one SQLite file (one cluster)");
        var storage = await environment.NewStorageAsync(StoreKind.Sqlite, "propagation", cancellationToken);
        var primarySilo = Ports.FreeLoopbackPort();
        var nodes = new[]
        {
            await environment.StartApiAsync("api-propagation-a", storage, null, cancellationToken, Cluster(primarySilo, null)),
            await environment.StartApiAsync("api-propagation-b", storage, null, cancellationToken, Cluster(Ports.FreeLoopbackPort(), primarySilo)),
        };

        using var operatorClient = ApiCalls.CreateClient(nodes[0].BaseAddress, environment.Token("operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, "Propagation benchmark", cancellationToken);
        using (var admin = ApiCalls.CreateClient(nodes[0].BaseAddress, environment.Token("admin-1", pair.PrimaryTenantId, Permissions.TenantConfigEdit, Permissions.AccessEdit)))
        using (var response = await admin.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/users", new { username = Username, bcpType = "single" }, cancellationToken))
        {
            await ApiCalls.ExpectAsync(response, HttpStatusCode.Created, "POST users", cancellationToken);
        }

        var logins = nodes.Select(node => ApiCalls.CreateClient(node.BaseAddress, environment.Token("login-service", "ops", Permissions.LoginRead))).ToArray();
        var switchers = nodes.Select(node => ApiCalls.CreateClient(node.BaseAddress, environment.Token("admin-1", pair.PrimaryTenantId, Permissions.ActivationEdit))).ToArray();
        try
        {
            var samples = new List<Sample>();
            var side = "bcp";
            for (var i = 0; i < options.PropagationWarmup + options.PropagationSwitches; i++)
            {
                var sample = await SwitchAndWatchAsync(pair, side, i % 2, switchers, logins, cancellationToken);
                if (i >= options.PropagationWarmup)
                {
                    samples.Add(sample);
                }

                side = side == "bcp" ? "primary" : "bcp";
            }

            foreach (var node in nodes)
            {
                node.EnsureRunning();
            }

            var every = samples.Select(sample => sample.EveryNodeMs).ToList();
            Log.Info($"propagation: every node showed the new side p50 {Format.Ms(SampleStatistics.Median(every))} ms, " +
                $"p99 {Format.Ms(SampleStatistics.Percentile(every, 99))} ms, max {Format.Ms(every.Max())} ms over {every.Count} switches");
            report.Add(BuildSection(options, samples));
        }
        finally
        {
            foreach (var client in logins.Concat(switchers))
            {
                client.Dispose();
            }

            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>The embedded profile's cluster settings of one node; the second names the first's silo port.</summary>
    private static Dictionary<string, string> Cluster(int siloPort, int? primarySiloPort)
    {
        var settings = new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
        };
        if (primarySiloPort is { } port)
        {
            settings["Cluster__PrimarySiloPort"] = port.ToString(CultureInfo.InvariantCulture);
        }

        return settings;
    }

    /// <summary>One switch through node <paramref name="switching"/>, then both nodes asked in turn until both answer with it.</summary>
    private static async Task<Sample> SwitchAndWatchAsync(
        BenchPair pair, string side, int switching, HttpClient[] switchers, HttpClient[] logins, CancellationToken cancellationToken)
    {
        var expected = side == "bcp" ? pair.BcpTenantId : pair.PrimaryTenantId;
        var start = Stopwatch.GetTimestamp();
        using (var response = await switchers[switching].PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side, passkey = pair.Passkey }, cancellationToken))
        {
            var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "PUT active-side", cancellationToken);
            if (body.GetProperty("outcome").GetString() != "switched")
            {
                throw new InvalidOperationException($"The switch did not switch: {body}");
            }
        }

        var answered = Stopwatch.GetTimestamp();
        var seen = new double?[logins.Length];
        while (seen.Any(ms => ms is null))
        {
            for (var node = 0; node < logins.Length; node++)
            {
                if (seen[node] is null && await TargetAsync(logins[node], cancellationToken) == expected)
                {
                    seen[node] = Stopwatch.GetElapsedTime(answered).TotalMilliseconds;
                }
            }

            if (Stopwatch.GetElapsedTime(answered) > GiveUpAfter)
            {
                throw new InvalidOperationException($"A node still answered the old side {GiveUpAfter.TotalSeconds} s after the switch to {side} answered 200.");
            }
        }

        return new Sample(Stopwatch.GetElapsedTime(start, answered).TotalMilliseconds, seen[switching]!.Value, seen[1 - switching]!.Value);
    }

    private static async Task<string?> TargetAsync(HttpClient login, CancellationToken cancellationToken)
    {
        using var response = await login.GetAsync("/login/options?username=" + Uri.EscapeDataString(Username), cancellationToken);
        var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "GET /login/options", cancellationToken);
        return body.TryGetProperty("target", out var target) && target.ValueKind == System.Text.Json.JsonValueKind.Object
            ? target.GetProperty("tenantId").GetString()
            : null;
    }

    private static ReportSection BuildSection(BenchmarkOptions options, List<Sample> samples)
    {
        var table = new MarkdownTable("Measured", "Samples", "Median ms", "p90 ms", "p99 ms", "Max ms");
        AddRow(table, "Every node answers with the new side (after the 200)", samples.Select(sample => sample.EveryNodeMs));
        AddRow(table, "The other node (after the 200)", samples.Select(sample => sample.OtherNodeMs));
        AddRow(table, "The node that answered the switch (after the 200)", samples.Select(sample => sample.SwitchingNodeMs));
        AddRow(table, "The switch itself (PUT → 200)", samples.Select(sample => sample.SwitchMs));
        var method =
            $"Two Api processes on one SQLite file, one Orleans cluster (embedded profile). {options.PropagationSwitches} switches with the right passkey " +
            $"after {options.PropagationWarmup} unmeasured ones, alternating bcp/primary and the node that is asked to switch; right after each 200 " +
            "the harness asks both nodes, in turn, for the login options of a user of BCP type single (whose target is the active side) " +
            "until both answer with the new side. A node's time is from the 200 to the first answer with the new side.";
        var notes = new List<string>
        {
            "Resolution: one login-options round trip (the nodes are asked one after the other), so a figure includes up to two of them.",
            "Target: 100 ms p99 for every node; spec bound: 1 s. p99 is nearest rank over the samples: with few samples it is the largest or close to it.",
        };
        return new ReportSection("Switch propagation to every node", method, table, notes);
    }

    private static void AddRow(MarkdownTable table, string name, IEnumerable<double> values)
    {
        var samples = values.ToList();
        table.AddRow(
            name,
            Format.Count(samples.Count),
            Format.Ms(SampleStatistics.Median(samples)),
            Format.Ms(SampleStatistics.Percentile(samples, 90)),
            Format.Ms(SampleStatistics.Percentile(samples, 99)),
            Format.Ms(samples.Max()));
    }

    private sealed record Sample(double SwitchMs, double SwitchingNodeMs, double OtherNodeMs)
    {
        public double EveryNodeMs => Math.Max(SwitchingNodeMs, OtherNodeMs);
    }
}
