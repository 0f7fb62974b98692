using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Three Api processes on one Azurite store, several pairs, each with a BCP-type-single user and a voice number asked
/// before the kill (warm) and another user and number asked only after it (cold). The node holding the most pair grains
/// (read from each node's activation counts on /metrics) is killed with SIGKILL while login options and voice routing
/// for every pair are asked on the two survivors: one survivor was asked the warm ones before the kill, the other was
/// asked nothing, so every pair and tenant is cold there. Every answer is a 2xx (a survivor keeps
/// serving what the unreachable grains last pushed, and reads a cold pair or tenant from the store). From the kill each
/// pair is switched on a survivor to its active side (the switch's whole path; nothing changes) until that answers 200
/// (a pair whose grain or directory entry died waits for the cluster to declare the node dead), then to BCP, and each
/// survivor shows that switch within a second.
/// </summary>
[TestClass]
// Alone: it bounds the cluster's death declaration and each switch's showing (1 s) in time, which other classes' load would stretch.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class HotPathsThroughNodeDeathTests
{
    private const int Pairs = 6;
    private const int WorkersPerSurvivor = 2;
    private static readonly TimeSpan SwitchDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShowsWithin = TimeSpan.FromSeconds(1);

    // The bounds on kill → first 200 switch are looser than the goals (3 s with the tests' settings, 10 s with the shipped
    // ones): on a 2-core machine shared with builds (load average 15 to 30) the cluster took up to 12.5 s to declare the
    // node dead. Each run prints its figures; docs/reliability.md has them.

    /// <summary>The tests' membership settings (Tests/Infrastructure/TestCluster.cs).</summary>
    [TestMethod]
    public Task NodeHoldingPairsKilled_HotPathsAnswerEveryRequest_AndEveryPairSwitchesOnASurvivor() =>
        RunAsync(new Dictionary<string, string?>(), switchBound: TimeSpan.FromSeconds(12));

    /// <summary>The azure profile's shipped membership settings (Silo/Hosting/OutageMembership.cs).</summary>
    [TestMethod]
    public Task NodeHoldingPairsKilled_WithTheShippedMembershipSettings_HotPathsAnswerEveryRequest_AndEveryPairSwitches() =>
        RunAsync(
            new Dictionary<string, string?>
            {
                ["Cluster:Membership:ProbeTimeout"] = OutageMembership.ProbeTimeout.ToString("c", CultureInfo.InvariantCulture),
                ["Cluster:Membership:NumMissedProbesLimit"] = OutageMembership.NumMissedProbesLimit.ToString(CultureInfo.InvariantCulture),
                ["Cluster:Membership:NumVotesForDeathDeclaration"] = OutageMembership.NumVotesForDeathDeclaration.ToString(CultureInfo.InvariantCulture),
            },
            switchBound: TimeSpan.FromSeconds(20));

    private static async Task RunAsync(Dictionary<string, string?> membership, TimeSpan switchBound)
    {
        var azurite = await AzuriteInstance.GetSharedAsync();
        var settings = new Dictionary<string, string?>(membership)
        {
            ["Storage:Default:Provider"] = "blob",
            ["Storage:Default:ConnectionString"] = azurite.ConnectionString,
            ["Storage:Default:Container"] = $"hotdeath-{Guid.NewGuid():N}",
        };
        var nodes = new List<NodeProcess>();
        try
        {
            nodes.AddRange(await NodeProcess.StartApisAsync(3, settings));
            await SiloMetrics.WaitForRingAsync(nodes, 3);

            // Everything is set up through node 0. The node holding the most pair grains is killed (6 pairs on 3 nodes: at
            // least 2); of the two others, the lower is asked the warm reads before the kill, and node 2 (unless killed) is
            // asked nothing before it.
            var pairs = await Task.WhenAll(Enumerable.Range(0, Pairs).Select(i => SetUpAsync(nodes[0], i)));
            var held = await Task.WhenAll(nodes.Select(async node => (await SiloMetrics.ReadAsync(node)).Activations("tenantpair")));
            var doomed = nodes[Array.IndexOf(held, held.Max())];
            Assert.IsGreaterThanOrEqualTo(2, held.Max(), $"a node holds several of the {Pairs} pair grains: {string.Join(", ", held)}");
            var survivors = nodes.Where(node => node != doomed).ToArray();
            var warm = survivors[0];
            Console.WriteLine($"{Pairs} pairs; the killed node (node {nodes.IndexOf(doomed)}) holds {held.Max()} pair grains ({(await SiloMetrics.ReadAsync(doomed)).ApplicationActivations()})");

            // Warm: one survivor is asked the warm user and number of every pair (and keeps them and the pair state).
            using (var warmUp = warm.ClientFor("platform", "login-service", Permissions.LoginRead))
            {
                foreach (var pair in pairs)
                {
                    Assert.AreEqual(HttpStatusCode.OK, (await warmUp.GetAsync(LoginPath(pair.WarmUser))).StatusCode);
                    Assert.AreEqual(HttpStatusCode.OK, (await warmUp.GetAsync(VoicePath(pair.WarmNumber))).StatusCode);
                }
            }

            var answers = new ConcurrentQueue<HotAnswer>();
            var switching = new ConcurrentDictionary<string, bool>();
            using var stopLoad = new CancellationTokenSource();
            var sinceKill = new Stopwatch();
            var load = Task.WhenAll(survivors.SelectMany(node => Enumerable.Range(0, WorkersPerSurvivor).Select(worker =>
                LoadAsync(node, pairs, worker, switching, answers, sinceKill, stopLoad.Token))));

            await Task.Delay(TimeSpan.FromMilliseconds(500));
            sinceKill.Start();
            await doomed.KillAsync();
            var declared = WatchDeclarationAsync(survivors, sinceKill);
            var switches = await Task.WhenAll(pairs.Select((pair, i) => SwitchAsync(survivors[i % 2], survivors, pair, sinceKill, switching)));
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            await stopLoad.CancelAsync();
            await load;
            var declaredAfter = await declared;

            var all = answers.ToList();
            var failed = all.Where(answer => answer.Status is < 200 or >= 300).ToList();
            Console.WriteLine($"hot paths through a node's death: {all.Count} requests on the survivors, {failed.Count} not 2xx; " +
                string.Join(", ", all.GroupBy(answer => answer.Kind).Select(group =>
                    $"{group.Key} {group.Count()} (max {group.Max(answer => answer.Latency).TotalMilliseconds:F0} ms)")));
            Console.WriteLine($"the survivors' rings dropped the killed node {declaredAfter.TotalSeconds:F2} s after the kill; slowest answers (sent after the kill): " +
                string.Join(", ", all.OrderByDescending(answer => answer.Latency).Take(5).Select(answer =>
                    $"{answer.Kind} {answer.Latency.TotalMilliseconds:F0} ms at {answer.SentAfterKill.TotalSeconds:F2} s")));
            Console.WriteLine("kill → first 200 switch per pair: " + string.Join(", ", switches.Select(s => $"{s.Took.TotalSeconds:F2} s")) +
                $"; slowest {switches.Max(s => s.Took).TotalSeconds:F2} s (bound {switchBound.TotalSeconds:F0} s)");
            Console.WriteLine("each survivor showed each switch to requests sent after: " + string.Join(", ", switches.SelectMany(s => s.ShownAfter).Select(t => $"{t.TotalMilliseconds:F0} ms")));

            Assert.IsEmpty(failed, "every login options and voice routing answer on the survivors is a 2xx: " +
                string.Join("; ", failed.Take(10).Select(answer => $"{answer.Kind} {answer.Status} {answer.Body}")));
            Assert.IsTrue(all.Any(answer => answer.Kind.StartsWith("cold", StringComparison.Ordinal)), "cold reads were asked");
            Assert.IsTrue(switches.All(s => s.Took <= switchBound), $"every pair switched within {switchBound} of the kill");
            // ShownAfterAsync asserted that each survivor showed each switch within 1 s.
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>Two tenants, their pair, and in the primary two single-type users and two voice points of contact.</summary>
    private static async Task<DeathPair> SetUpAsync(NodeProcess node, int index)
    {
        using var operatorClient = node.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, $"Classics {index}", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, $"Classics {index} BCP", "eu-west");
        var response = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        using var admin = node.ClientFor(primary, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        var pair = new DeathPair(
            created.GetProperty("pairId").GetString()!, primary, created.GetProperty("passkey").GetString()!,
            $"warm-{index}@classics.example", $"cold-{index}@classics.example", $"+1555{index:D3}0001", $"+1555{index:D3}0002");
        foreach (var (username, number) in new[] { (pair.WarmUser, pair.WarmNumber), (pair.ColdUser, pair.ColdNumber) })
        {
            await ConfigClient.CreateIdAsync(admin, primary, EntityTypes.Users, new { username, bcpType = "single" });
            await ConfigClient.CreateIdAsync(admin, primary, EntityTypes.PointsOfContact, new { name = $"Line {number}", channel = "voice", address = number });
        }

        return pair;
    }

    /// <summary>
    /// Login options for both users and voice routing for both numbers of every pair, in turn, until stopped. A pair's
    /// numbers are no longer asked (nor answers counted) once its switch to BCP is sent: while the BCP side is active a
    /// call needs the synced copy, which this test does not make.
    /// </summary>
    private static async Task LoadAsync(
        NodeProcess node, IReadOnlyList<DeathPair> pairs, int worker, ConcurrentDictionary<string, bool> switching, ConcurrentQueue<HotAnswer> answers,
        Stopwatch sinceKill, CancellationToken stop)
    {
        using var client = node.ClientFor(TimeSpan.FromSeconds(30), "platform", "login-service", Permissions.LoginRead);
        for (var turn = worker; !stop.IsCancellationRequested; turn++)
        {
            var pair = pairs[turn % pairs.Count];
            var (kind, path) = ((turn / pairs.Count) % 4) switch
            {
                0 => ("warm login", LoginPath(pair.WarmUser)),
                1 => ("cold login", LoginPath(pair.ColdUser)),
                2 => ("warm voice", VoicePath(pair.WarmNumber)),
                _ => ("cold voice", VoicePath(pair.ColdNumber)),
            };
            var voice = kind.EndsWith("voice", StringComparison.Ordinal);
            if (voice && switching.ContainsKey(pair.PairId))
            {
                continue;
            }

            var clock = Stopwatch.StartNew();
            var sentAfterKill = sinceKill.Elapsed;
            try
            {
                using var response = await client.GetAsync(path, CancellationToken.None);
                if (voice && switching.ContainsKey(pair.PairId))
                {
                    // The switch to BCP was sent while this call was under way: it may have been answered after it.
                    continue;
                }

                var body = response.IsSuccessStatusCode ? "" : await response.Content.ReadAsStringAsync(CancellationToken.None);
                answers.Enqueue(new HotAnswer(kind, (int)response.StatusCode, clock.Elapsed, sentAfterKill, body));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                answers.Enqueue(new HotAnswer(kind, 599, clock.Elapsed, sentAfterKill, ex.GetType().Name));
            }
        }
    }

    /// <summary>
    /// From the kill, asks <paramref name="switcher"/> to switch the pair to its active side until that answers 200 (the pair's
    /// grain answers again; nothing changes, so the numbers keep ringing meanwhile); then switches it to BCP and waits
    /// until every survivor shows that.
    /// </summary>
    private static async Task<SwitchTiming> SwitchAsync(
        NodeProcess switcher, IReadOnlyList<NodeProcess> survivors, DeathPair pair, Stopwatch sinceKill, ConcurrentDictionary<string, bool> switching)
    {
        using var admin = switcher.ClientFor(TimeSpan.FromSeconds(30), pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await SwitchUntilOkAsync(switcher, admin, pair, "primary", sinceKill);
        var took = sinceKill.Elapsed;
        switching[pair.PairId] = true;
        await SwitchUntilOkAsync(switcher, admin, pair, "bcp", sinceKill);
        var sinceSwitch = Stopwatch.StartNew();
        var shownAfter = await Task.WhenAll(survivors.Select(node => ShownAfterAsync(node, pair, sinceSwitch)));
        return new SwitchTiming(took, shownAfter);
    }

    /// <summary>
    /// When <paramref name="node"/> showed the switch: the time, after the switch's 200, at which the first request that
    /// answered BCP was sent. Asked until a request sent a second after the switch has answered; every request sent from
    /// then on must answer BCP (the bound is on when a request arrives, not on how long a busy machine takes to answer it).
    /// </summary>
    private static async Task<TimeSpan> ShownAfterAsync(NodeProcess node, DeathPair pair, Stopwatch sinceSwitch)
    {
        using var login = node.ClientFor("platform", "login-service", Permissions.LoginRead);
        TimeSpan? shown = null;
        while (true)
        {
            var sentAt = sinceSwitch.Elapsed;
            using var response = await login.GetAsync(LoginPath(pair.WarmUser));
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
            var side = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeSide").GetString();
            if (side == "bcp")
            {
                shown ??= sentAt;
            }
            else
            {
                Assert.IsLessThan(ShowsWithin, sentAt, $"a request sent {sentAt.TotalMilliseconds:F0} ms after pair {pair.PairId} switched still answered '{side}'");
            }

            if (sentAt >= ShowsWithin)
            {
                return shown!.Value;
            }

            await Task.Delay(20);
        }
    }

    private static async Task SwitchUntilOkAsync(NodeProcess switcher, HttpClient admin, DeathPair pair, string side, Stopwatch sinceKill)
    {
        while (true)
        {
            Assert.IsLessThan(SwitchDeadline, sinceKill.Elapsed, $"pair {pair.PairId} did not switch on a survivor");
            using var response = await BcpClient.SwitchAsync(admin, pair.PairId, side, pair.Passkey);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            // Until the cluster declares the node dead, a switch of a pair whose grain (or directory entry) lived there cannot be
            // answered (503); while it does, an activation that lost a write race says so (409): both are to be retried.
            Assert.IsTrue(response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.Conflict,
                $"{await response.Content.ReadAsStringAsync()}{Environment.NewLine}{switcher.Output}");
            await Task.Delay(100);
        }
    }

    /// <summary>Of <paramref name="candidates"/>, the node holding the most pair grains, and how many.</summary>
    private static async Task<(NodeProcess Node, int Held)> MostPairGrainsAsync(IEnumerable<NodeProcess> candidates)
    {
        var counts = await Task.WhenAll(candidates.Select(async node => (Node: node, Held: (await SiloMetrics.ReadAsync(node)).Activations("tenantpair"))));
        return counts.MaxBy(count => count.Held);
    }

    /// <summary>When both survivors' rings have dropped the killed node (polled).</summary>
    private static async Task<TimeSpan> WatchDeclarationAsync(IReadOnlyList<NodeProcess> survivors, Stopwatch sinceKill)
    {
        while (true)
        {
            var sizes = await Task.WhenAll(survivors.Select(async node => (await SiloMetrics.ReadAsync(node)).RingSize));
            if (sizes.All(size => size == survivors.Count))
            {
                return sinceKill.Elapsed;
            }

            Assert.IsLessThan(SwitchDeadline, sinceKill.Elapsed, "the survivors did not declare the killed node dead");
            await Task.Delay(100);
        }
    }

    private static string LoginPath(string username) => $"/login/options?username={Uri.EscapeDataString(username)}";

    private static string VoicePath(string number) => $"/routing/voice?address={Uri.EscapeDataString(number)}";

    private sealed record DeathPair(string PairId, string PrimaryTenantId, string Passkey, string WarmUser, string ColdUser, string WarmNumber, string ColdNumber);

    // SentAfterKill: zero for an answer sent before the kill.
    private sealed record HotAnswer(string Kind, int Status, TimeSpan Latency, TimeSpan SentAfterKill, string Body);

    private sealed record SwitchTiming(TimeSpan Took, TimeSpan[] ShownAfter);
}
