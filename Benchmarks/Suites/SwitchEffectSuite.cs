using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// When each switch took effect on every node of a running cluster (e.g. <c>scripts/cluster.sh up</c>): a pair is
/// created, every given Api node reads it (so its silo keeps it and acknowledges pushes), then switches alternate
/// between the nodes and each switch's <c>effectiveAfterMs</c> is read back from the status once settled.
/// </summary>
internal static class SwitchEffectSuite
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(BenchmarkOptions options, Report report, CancellationToken cancellationToken)
    {
        if (options.ClusterUrls.Count == 0)
        {
            throw new InvalidOperationException("effective: give the cluster's Api nodes with --url (e.g. --url http://127.0.0.1:5081 --url http://127.0.0.1:5082).");
        }

        var key = DevelopmentSigningKey();
        using var operatorClient = ApiCalls.CreateClient(options.ClusterUrls[0], Token(key, "operator-1", "ops", Permissions.Setup));
        var pair = await ApiCalls.CreatePairAsync(operatorClient, $"Effect benchmark {DateTime.UtcNow:HHmmss}", cancellationToken);
        var switchers = options.ClusterUrls.Select(url => ApiCalls.CreateClient(url, Token(key, "admin-1", pair.PrimaryTenantId, Permissions.ActivationEdit))).ToArray();
        try
        {
            var samples = new List<Sample>();
            var side = "bcp";
            Log.Info($"effective: {options.EffectSwitches} switches on {options.ClusterUrls.Count} Api node(s) of {options.ClusterUrls[0]}'s cluster");
            for (var i = 0; i < options.EffectWarmup + options.EffectSwitches; i++)
            {
                // Every node keeps the pair (and so is pushed the switch, and acknowledges it).
                foreach (var client in switchers)
                {
                    await ApiCalls.GetStatusAsync(client, pair.PairId, cancellationToken);
                }

                var sample = await SwitchAndReadEffectAsync(switchers[i % switchers.Length], pair, side, cancellationToken);
                if (i >= options.EffectWarmup)
                {
                    samples.Add(sample);
                }

                side = side == "bcp" ? "primary" : "bcp";
            }

            report.Add(BuildSection(options, samples));
        }
        finally
        {
            foreach (var client in switchers)
            {
                client.Dispose();
            }
        }
    }

    private static async Task<Sample> SwitchAndReadEffectAsync(HttpClient switcher, BenchPair pair, string side, CancellationToken cancellationToken)
    {
        long epoch;
        using (var response = await switcher.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side, passkey = pair.Passkey }, cancellationToken))
        {
            var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "PUT active-side", cancellationToken);
            epoch = body.GetProperty("epoch").GetInt64();
        }

        var started = DateTime.UtcNow;
        while (DateTime.UtcNow - started < GiveUpAfter)
        {
            var last = (await ApiCalls.GetStatusAsync(switcher, pair.PairId, cancellationToken)).GetProperty("lastSwitch");
            if (last.GetProperty("epoch").GetInt64() == epoch && Settled(last))
            {
                return new Sample(
                    last.TryGetProperty("effectiveAfterMs", out var ms) && ms.ValueKind == JsonValueKind.Number ? ms.GetDouble() : null,
                    last.GetProperty("nodesAcknowledged").GetInt32(),
                    last.GetProperty("nodesExpected").GetInt32(),
                    [.. last.GetProperty("unacknowledgedNodes").EnumerateArray().Select(node => node.GetString() ?? "")]);
            }

            await Task.Delay(20, cancellationToken);
        }

        throw new InvalidOperationException($"The switch to epoch {epoch} had not settled {GiveUpAfter.TotalSeconds} s after its 200.");
    }

    private static bool Settled(JsonElement last) =>
        (last.TryGetProperty("effectiveEverywhereAt", out var at) && at.ValueKind == JsonValueKind.String)
        || (last.TryGetProperty("unacknowledgedNodes", out var silent) && silent.ValueKind == JsonValueKind.Array && silent.GetArrayLength() > 0);

    /// <summary>The cluster script's nodes run in Development with the Api's development key (appsettings.Development.json).</summary>
    private static string DevelopmentSigningKey()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.ApiFolder, "appsettings.Development.json")));
        return settings.RootElement.GetProperty("Auth").GetProperty("DevelopmentSigningKey").GetString()!;
    }

    private static string Token(string key, string userId, string tenantId, params string[] permissions) =>
        DevelopmentTokens.Mint(new AuthOptions(), key, userId, tenantId, permissions, TimeSpan.FromHours(1));

    private static ReportSection BuildSection(BenchmarkOptions options, List<Sample> samples)
    {
        var complete = samples.Where(sample => sample.AfterMs is not null).Select(sample => sample.AfterMs!.Value).ToList();
        var table = new MarkdownTable("Measured", "Switches", "Min ms", "p50 ms", "p90 ms", "p99 ms", "Max ms");
        table.AddRow(
            "Commit → last node acknowledged (effectiveAfterMs)",
            Format.Count(complete.Count),
            complete.Count == 0 ? "—" : Format.Ms(complete.Min()),
            complete.Count == 0 ? "—" : Format.Ms(SampleStatistics.Median(complete)),
            complete.Count == 0 ? "—" : Format.Ms(SampleStatistics.Percentile(complete, 90)),
            complete.Count == 0 ? "—" : Format.Ms(SampleStatistics.Percentile(complete, 99)),
            complete.Count == 0 ? "—" : Format.Ms(complete.Max()));
        var counts = samples.GroupBy(sample => $"{sample.Acknowledged} of {sample.Expected}")
            .OrderByDescending(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key} nodes: {Format.Count(group.Count())}");
        var silent = samples.SelectMany(sample => sample.Unacknowledged).GroupBy(node => node, StringComparer.Ordinal)
            .Select(group => $"{group.Key} ×{group.Count()}").ToList();
        var method =
            $"A running cluster ({string.Join(", ", options.ClusterUrls)}). One pair; {options.EffectSwitches} switches with the right passkey after " +
            $"{options.EffectWarmup} unmeasured ones, alternating bcp/primary and the Api node asked; before each, every given node reads the " +
            "pair's status (so its silo keeps the pair and is pushed the switch). After each 200 the harness reads the status on the " +
            "switching node until the switch's effect has settled, and takes its effectiveAfterMs: from the commit to the last node's " +
            "acknowledgement, on the pair grain's clock.";
        var notes = new List<string>
        {
            "Settled as: " + string.Join(", ", counts) + (silent.Count > 0 ? $"; not acknowledged within 1 s: {string.Join(", ", silent)}" : "") + ".",
            "A silo that keeps no copy of the pair (the cluster script's headless silo serves no HTTP, so nothing makes it read the pair) counts as serving the new side from the commit.",
            "p99 is nearest rank over the samples: with 100 it is the second largest.",
        };
        return new ReportSection("When a switch took effect on every node", method, table, notes);
    }

    private sealed record Sample(double? AfterMs, int Acknowledged, int Expected, IReadOnlyList<string> Unacknowledged);
}
