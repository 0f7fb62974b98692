using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Three Api processes on one Azurite store; the node whose silo holds the pair grain's activation (read from
/// each node's Orleans activation counts on /metrics) is killed with SIGKILL while the two others take a storm
/// of passkey switches and login-options reads for the pair. Every login answers 200; switches answer 200 or problems
/// the client can act on (503 <c>cluster-unavailable</c> for calls the kill caught), never a 500; once the cluster has declared the node
/// dead, the survivors serve the pair again; and every acknowledged switch is durable: the epoch equals the audited switches, and each
/// acknowledged epoch is among them. A switch answered 503 may or may not have been written (the node may have
/// died between its write and its reply), so only the audit, not the count of 200s, gives the epoch.
/// </summary>
[TestClass]
// Alone: it bounds the cluster's recovery from a kill in time, which other classes' load would stretch.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class PairSiloCrashTests
{
    private const string PairGrainType = "tenantpair";
    private const string Username = "agent@classics.example";
    private const int InFlight = 8;
    private static readonly TimeSpan Storm = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan KillAfter = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ClientTimeout = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task PairSiloKilled_DuringSwitchAndLoginStorm_SurvivorsServeThePairAgainAndLoseNoSwitch()
    {
        var azurite = await AzuriteInstance.GetSharedAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Default:Container"] = $"pairkill-{Guid.NewGuid():N}",
        };
        var nodes = new List<NodeProcess>();
        try
        {
            nodes.AddRange(await NodeProcess.StartApisAsync(3, settings));

            await SiloMetrics.WaitForRingAsync(nodes, 3);

            // Everything about the pair is first used through node 0, but Orleans' default placement (resource-optimized) picks
            // the silo, not the caller: the nodes' activation counts say which one holds the pair, and that one is killed.
            var pair = await SetUpAsync(nodes[0]);
            var holders = new List<NodeProcess>();
            foreach (var node in nodes)
            {
                var metrics = await SiloMetrics.ReadAsync(node);
                Console.WriteLine($"before: node {nodes.IndexOf(node)} holds {metrics.ApplicationActivations()}");
                if (metrics.Activations(PairGrainType) > 0)
                {
                    holders.Add(node);
                }
            }

            Assert.AreEqual(1, holders.Count, "exactly one node holds the pair's activation");
            var doomed = holders[0];
            Console.WriteLine($"the pair's activation is on node {nodes.IndexOf(doomed)} (set up through node 0): the storm goes to the other two");
            var survivors = nodes.Where(node => node != doomed).ToList();

            var log = new ConcurrentQueue<Answer>();
            var stormStart = DateTime.UtcNow;
            var stormEnd = stormStart + Storm;
            var storm = Task.WhenAll(Enumerable.Range(0, InFlight).Select(worker => StormAsync(survivors[worker % survivors.Count], pair, worker, stormEnd, log)));
            var declared = WatchDeclarationAsync(survivors, stormEnd);

            await Task.Delay(KillAfter);
            var killedAt = DateTime.UtcNow;
            await doomed.KillAsync();
            var killTook = DateTime.UtcNow - killedAt;
            await storm;
            var declaredAt = await declared;

            var answers = log.ToList();
            Console.WriteLine($"node {nodes.IndexOf(doomed)} killed {(killedAt - stormStart).TotalSeconds:F2} s into the storm (the kill took {killTook.TotalMilliseconds:F0} ms)");
            PrintSummary(answers, killedAt, declaredAt);

            Assert.IsFalse(answers.Any(a => a.Status == 599), "no request hung past the client's timeout or lost its connection: " + Summary(answers));
            Assert.IsFalse(answers.Any(a => a.Status == 500), "no 500: " + Summary(answers));
            Assert.IsTrue(answers.All(a => a.Status is 200 or 403 or 409 or 429 or 503), "only 200, 403, 409, 429 or 503: " + Summary(answers));
            Assert.IsTrue(answers.Where(a => a.Status != 200).All(a => a.IsProblem), "every refusal is a problem document");
            // Logins never wait for the pair's grain: a silo keeps serving the state the grain last pushed while it cannot be reached.
            Assert.IsTrue(answers.Where(a => a.Kind == Kind.Login).All(a => a.Status == 200), "every login answered 200: " + Summary(answers.Where(a => a.Kind == Kind.Login).ToList()));
            Assert.IsTrue(answers.Where(a => a.Status == 503).All(a => a.ProblemType?.EndsWith("/cluster-unavailable", StringComparison.Ordinal) == true),
                "every 503 says a node of the cluster is unreachable: " + string.Join(", ", answers.Where(a => a.Status == 503).Select(a => a.ProblemType).Distinct()));
            Assert.IsNotNull(declaredAt, "the survivors' rings dropped the killed node within the storm");
            Assert.IsTrue(answers.Any(a => a is { Kind: Kind.Switch, Status: 200 } && a.SentAt >= declaredAt), "a switch answered 200 after the node was declared dead");
            Assert.IsTrue(answers.Any(a => a is { Kind: Kind.Login, Status: 200 } && a.SentAt >= declaredAt), "a login answered 200 after the node was declared dead");

            foreach (var node in survivors)
            {
                Console.WriteLine($"after: node {nodes.IndexOf(node)} holds {(await SiloMetrics.ReadAsync(node)).ApplicationActivations()}");
            }

            // Durability: what the pair's state and audit say, against what the clients were told.
            using var reader = survivors[0].ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
            var status = await BcpClient.GetStatusAsync(reader, pair.PairId);
            var audit = await BcpClient.GetAuditAsync(reader, pair.PairId, 500);
            Assert.IsTrue(audit.Any(entry => entry.Sequence == 1), $"the audit read is complete ({audit.Count} entries)");
            var audited = audit.Where(entry => entry is { Action: "switch", Outcome: "switched" })
                .Select(entry => entry.Details["epoch"]!.GetValue<long>()).ToList();
            var acknowledged = answers.Where(a => a.SwitchedToEpoch is not null).Select(a => a.SwitchedToEpoch!.Value).ToList();
            var unanswered = answers.Count(a => a is { Kind: Kind.Switch, Status: 503 });
            Console.WriteLine($"durability: epoch {status.Epoch}, {audited.Count} audited switches, {acknowledged.Count} acknowledged (200 switched), " +
                $"{unanswered} switches answered 503 (each may or may not have been written)");

            Assert.AreEqual(audited.Count, status.Epoch, "epoch = audited switches");
            CollectionAssert.AreEquivalent(Enumerable.Range(1, (int)status.Epoch).Select(e => (long)e).ToList(), audited, "epochs 1..n, each audited once");
            Assert.AreEqual(acknowledged.Count, acknowledged.Distinct().Count(), "no epoch acknowledged twice");
            CollectionAssert.IsSubsetOf(acknowledged, audited, "every acknowledged switch is in the audit");
            Assert.IsTrue(audited.Count - acknowledged.Count <= unanswered,
                "switches written but not acknowledged are no more than the switches answered 503");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Tenants, pair and a BCP-type-single user, all through <paramref name="node"/>; then the pair read and a login through it (the pair is active).</summary>
    private static async Task<TestPair> SetUpAsync(NodeProcess node)
    {
        using var operatorClient = node.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");
        var response = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<PairCreated>(BcpClient.Json))!;
        using var admin = node.ClientFor(primary, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit, Permissions.ActivationEdit);
        await ConfigClient.CreateIdAsync(admin, primary, EntityTypes.Users, new { username = Username, bcpType = "single" });
        await BcpClient.GetStatusAsync(admin, created.PairId);
        using var login = node.ClientFor("platform", "login-service", Permissions.LoginRead);
        var options = await login.GetAsync($"/login/options?username={Username}");
        Assert.AreEqual(HttpStatusCode.OK, options.StatusCode, await options.Content.ReadAsStringAsync());
        return new TestPair(created.PairId, primary, bcp, created.Passkey);
    }

    /// <summary>One of the storm's workers: switches (to the side it did not ask for last) and login reads, in turn, until the storm ends.</summary>
    private static async Task StormAsync(NodeProcess node, TestPair pair, int worker, DateTime until, ConcurrentQueue<Answer> log)
    {
        using var admin = node.ClientFor(ClientTimeout, pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        using var login = node.ClientFor(ClientTimeout, "platform", "login-service", Permissions.LoginRead);
        var side = worker % 4 < 2 ? "bcp" : "primary";
        for (var turn = worker; DateTime.UtcNow < until; turn++)
        {
            var kind = turn % 2 == 0 ? Kind.Switch : Kind.Login;
            var sentAt = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = kind == Kind.Switch
                    ? await BcpClient.SwitchAsync(admin, pair.PairId, side, pair.Passkey)
                    : await login.GetAsync($"/login/options?username={Username}");
                var body = await response.Content.ReadAsStringAsync();
                var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                long? epoch = null;
                if (kind == Kind.Switch)
                {
                    side = side == "bcp" ? "primary" : "bcp";
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        var answer = JsonSerializer.Deserialize<SwitchAnswer>(body, BcpClient.Json)!;
                        epoch = answer.Outcome == SwitchOutcome.Switched ? answer.Epoch : null;
                    }
                }

                var problemType = isProblem ? JsonDocument.Parse(body).RootElement.GetProperty("type").GetString() : null;
                log.Enqueue(new Answer(kind, sentAt, clock.Elapsed, (int)response.StatusCode, isProblem, problemType, epoch));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                log.Enqueue(new Answer(kind, sentAt, clock.Elapsed, 599, false, ex.GetType().Name, null));
            }
        }
    }

    /// <summary>When every survivor's ring has dropped the killed node (polled), or null if not before <paramref name="until"/>.</summary>
    private static async Task<DateTime?> WatchDeclarationAsync(IReadOnlyList<NodeProcess> survivors, DateTime until)
    {
        while (DateTime.UtcNow < until)
        {
            var sizes = await Task.WhenAll(survivors.Select(async node => (await SiloMetrics.ReadAsync(node)).RingSize));
            if (sizes.All(size => size == survivors.Count))
            {
                return DateTime.UtcNow;
            }

            await Task.Delay(100);
        }

        return null;
    }

    private static void PrintSummary(IReadOnlyList<Answer> answers, DateTime killedAt, DateTime? declaredAt)
    {
        Console.WriteLine($"pair silo kill: {Summary(answers)}");
        foreach (var kind in Enum.GetValues<Kind>())
        {
            var ofKind = answers.Where(a => a.Kind == kind).ToList();
            var firstAfterKill = ofKind.Where(a => a.Status == 200 && a.SentAt >= killedAt).Select(a => a.SentAt + a.Latency - killedAt).DefaultIfEmpty().Min();
            var firstAfterDeclared = declaredAt is { } at
                ? ofKind.Where(a => a.Status == 200 && a.SentAt >= at).Select(a => a.SentAt + a.Latency - killedAt).DefaultIfEmpty().Min()
                : TimeSpan.Zero;
            var unavailable = ofKind.Where(a => a.Status == 503).ToList();
            Console.WriteLine($"  {kind}: {Summary(ofKind)}; max latency {ofKind.Max(a => a.Latency).TotalMilliseconds:F0} ms; " +
                $"first 200 sent after the kill answered {firstAfterKill.TotalSeconds:F2} s after it; " +
                $"first 200 sent after the declaration answered {firstAfterDeclared.TotalSeconds:F2} s after the kill; " +
                (unavailable.Count == 0 ? "no 503" : $"503s sent from {(unavailable.Min(a => a.SentAt) - killedAt).TotalSeconds:F2} s to {(unavailable.Max(a => a.SentAt) - killedAt).TotalSeconds:F2} s " +
                    $"and answered from {(unavailable.Min(a => a.SentAt + a.Latency) - killedAt).TotalSeconds:F2} s to {(unavailable.Max(a => a.SentAt + a.Latency) - killedAt).TotalSeconds:F2} s after the kill"));
        }

        Console.WriteLine(declaredAt is { } declared
            ? $"  the survivors' rings dropped the killed node {(declared - killedAt).TotalSeconds:F2} s after the kill"
            : "  the survivors' rings did not drop the killed node within the storm");
    }

    private static string Summary(IReadOnlyCollection<Answer> answers) =>
        $"{answers.Count} requests (" + string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count()}")) + ")";

    private enum Kind
    {
        Switch,
        Login,
    }

    private sealed record Answer(Kind Kind, DateTime SentAt, TimeSpan Latency, int Status, bool IsProblem, string? ProblemType, long? SwitchedToEpoch);

    private sealed record PairCreated(string PairId, string Passkey);

    private sealed record SwitchAnswer(SwitchOutcome? Outcome, long Epoch);
}
