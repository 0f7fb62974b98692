using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The only store goes away for 10 s under a steady load of switches, status reads and login
/// lookups on two Api processes. During the outage answers are 503 problems within a bounded time,
/// never a 500; afterwards everything recovers without a restart, and no acknowledged switch is lost.
/// </summary>
[TestClass]
// Alone: it bounds the recovery after a timed store outage, which other classes' load would stretch.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class StoreOutageTests
{
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(10);
    /// <summary>The load goes on this long after the store returns; its last 3 s must all succeed (every kind answered 200 again 0.3 to 0.7 s after the store returned).</summary>
    private static readonly TimeSpan After = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task StoreOutage_Answers503ThenRecovers_AndLosesNoAcknowledgedSwitch()
    {
        using var folder = new TempFolder();
        await using var azurite = await AzuriteInstance.StartNewAsync(Path.Combine(folder.Path, "store"));
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Default:Container"] = "bcp",
        };
        var nodes = await NodeProcess.StartApisAsync(2, settings);
        await using var nodeA = nodes[0];
        await using var nodeB = nodes[1];
        var pair = await SetUpAsync(nodeA);

        var log = new ConcurrentQueue<Answer>();
        using var stop = new CancellationTokenSource();
        var load = Task.WhenAll(new[] { nodeA, nodeB }.SelectMany(node => new[]
        {
            RunAsync(node, pair, Kind.Switch, log, stop.Token),
            RunAsync(node, pair, Kind.Status, log, stop.Token),
            RunAsync(node, pair, Kind.Login, log, stop.Token),
        }));
        await Task.Delay(Before);
        var outageStart = DateTime.UtcNow;
        await azurite.ShutDownAsync();
        await Task.Delay(Outage);
        await azurite.StartAsync();
        var outageEnd = DateTime.UtcNow;
        await Task.Delay(After);
        await stop.CancelAsync();
        await load;

        var answers = log.ToList();
        var during = answers.Where(a => a.SentAt >= outageStart.AddSeconds(1) && a.SentAt < outageEnd).ToList();
        var lastSeconds = answers.Where(a => a.SentAt >= outageEnd + After - TimeSpan.FromSeconds(3)).ToList();
        var recovery = Enum.GetValues<Kind>().Select(kind => answers
            .Where(a => a.Kind == kind && a.SentAt >= outageEnd && a.Status == 200)
            .Select(a => a.SentAt + a.Latency - outageEnd).DefaultIfEmpty(TimeSpan.MaxValue).Min()).Max();
        Console.WriteLine($"store outage: {Summary(answers)}; during: {Summary(during)}; last 3 s: {Summary(lastSeconds)}; " +
            $"max latency {answers.Max(a => a.Latency).TotalMilliseconds:F0} ms; every kind answered 200 again {recovery.TotalMilliseconds:F0} ms after the store returned");

        Assert.IsFalse(answers.Any(a => a.Status >= 500 && a.Status != 503), "no 5xx but 503: " + Summary(answers));
        Assert.IsTrue(answers.Where(a => a.Status == 503).All(a => a.IsProblem), "every 503 is a problem document");
        Assert.IsTrue(during.Any(a => a.Status == 503), "the outage was seen: " + Summary(during));
        Assert.IsTrue(answers.All(a => a.Latency < Bound), $"every answer within {Bound}");
        // 409: the two nodes switch the same pair at once; the loser of a write race is told so and may retry.
        Assert.IsTrue(lastSeconds.Count > 0 && lastSeconds.All(a => a.Status is 200 or 409), "recovered without a restart: " + Summary(lastSeconds));

        // Every switch a client saw acknowledged is in the pair's history: nothing acknowledged was lost.
        // (Read after the 1 s in which every node is promised to see the last switch.)
        await Task.Delay(TimeSpan.FromSeconds(1));
        using var client = nodeA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var status = await BcpClient.GetStatusAsync(client, pair.PairId);
        var audited = (await BcpClient.GetAuditAsync(client, pair.PairId, 500))
            .Where(entry => entry is { Action: "switch", Outcome: "switched" }).Select(entry => entry.Details["epoch"]!.GetValue<long>()).ToHashSet();
        var acknowledged = answers.Where(a => a.SwitchedToEpoch is not null).Select(a => a.SwitchedToEpoch!.Value).ToList();
        Assert.IsTrue(acknowledged.Count > 0, "some switches were acknowledged");
        CollectionAssert.IsSubsetOf(acknowledged, audited.ToList(), "an acknowledged switch is missing");
        Assert.AreEqual(audited.Count, status.Epoch, "epoch = audited switches");
        Assert.IsTrue(acknowledged.Max() <= status.Epoch);
    }

    /// <summary>A pair and one user of its primary tenant, agent@classics.example, created through <paramref name="node"/>.</summary>
    internal static async Task<TestPair> SetUpAsync(NodeProcess node)
    {
        using var operatorClient = node.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");
        var created = await (await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp }))
            .Content.ReadFromJsonAsync<PairCreated>(BcpClient.Json);
        using var admin = node.ClientFor(primary, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        await ConfigClient.CreateIdAsync(admin, primary, EntityTypes.Users, new { username = "agent@classics.example", bcpType = "single" });
        return new TestPair(created!.PairId, primary, bcp, created.Passkey);
    }

    private static async Task RunAsync(NodeProcess node, TestPair pair, Kind kind, ConcurrentQueue<Answer> log, CancellationToken stop)
    {
        using var client = kind == Kind.Login
            ? node.ClientFor("platform", "login-service", Permissions.LoginRead)
            : node.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var side = "bcp";
        while (!stop.IsCancellationRequested)
        {
            var sentAt = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = kind switch
                {
                    Kind.Switch => await BcpClient.SwitchAsync(client, pair.PairId, side, pair.Passkey),
                    Kind.Status => await client.GetAsync($"/tenant-pairs/{pair.PairId}"),
                    _ => await client.GetAsync("/login/options?username=agent@classics.example"),
                };
                long? epoch = null;
                if (kind == Kind.Switch && response.StatusCode == HttpStatusCode.OK)
                {
                    var answer = await response.Content.ReadFromJsonAsync<SwitchAnswer>(BcpClient.Json);
                    epoch = answer!.Outcome == SwitchOutcome.Switched ? answer.Epoch : null;
                    side = side == "bcp" ? "primary" : "bcp";
                }

                log.Enqueue(new Answer(kind, sentAt, clock.Elapsed, (int)response.StatusCode,
                    response.Content.Headers.ContentType?.MediaType == "application/problem+json", epoch));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !stop.IsCancellationRequested)
            {
                // A hung or dropped request is a failure of the bound: record it as such.
                log.Enqueue(new Answer(kind, sentAt, clock.Elapsed, 599, false, null));
            }
            catch (TaskCanceledException)
            {
                return;
            }

            await Task.Delay(50, CancellationToken.None);
        }
    }

    private static string Summary(IReadOnlyCollection<Answer> answers) =>
        $"{answers.Count} requests (" + string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")) + ")";

    private enum Kind
    {
        Switch,
        Status,
        Login,
    }

    private sealed record Answer(Kind Kind, DateTime SentAt, TimeSpan Latency, int Status, bool IsProblem, long? SwitchedToEpoch);

    private sealed record PairCreated(string PairId, string Passkey);

    private sealed record SwitchAnswer(SwitchOutcome? Outcome, long Epoch);
}
