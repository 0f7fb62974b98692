using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// kill -9 of the Api process that both owns a pair's sync reminder (its silo's reminder service fires it) and
/// runs the pair's manual sync, mid-run: with no further request, the reminder moves to a surviving silo, and one of
/// its check ticks there finds the killed run's heartbeat timed out and starts the takeover run, which finishes what
/// the killed one left. The nodes' metrics on /metrics say which silo delivers the reminder's ticks before and after
/// the kill (Orleans' meter) and on which node the takeover run ended (the product's sync-run counter).
/// </summary>
/// <remarks>
/// The daily tick itself needs the product clock a day further on, which separate processes cannot share; it is
/// covered in process with a fake clock (<see cref="ReminderTests"/>: one of two silos stopped → the other fires the
/// next day's run). What this test adds is the real-process half: a reminder owned by a SIGKILLed silo keeps ticking
/// on a survivor, and its ticks reach the pair's sync grain there (the same handler that starts the day's run when
/// one is due). Which silo owns a reminder is Orleans' choice (a hash ring), so the test enables sync on fresh pairs,
/// each through the node the ring should pick, until the node it went through is the one whose reminder service fires
/// the reminder.
/// </remarks>
[TestClass]
// Alone: it bounds the takeover after a kill and counts reminder ticks across nodes in real time.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class ReminderOwnerCrashTests
{
    /// <summary>Enough users that the run is still writing them when the kill lands (the killed run must be recorded as failed: asserted below).</summary>
    private const int Users = 1000;
    private const int Candidates = 18;
    private const string SyncGrainType = "syncreminder";

    /// <summary>Orleans' default number of points a silo holds on the ring that assigns reminders (ConsistentRingOptions).</summary>
    private const int RingBucketsPerSilo = 30;

    /// <summary>A fifth of the shipped 30 s (as <see cref="NodeCrashTests"/>): the takeover waits 6 s for the dead run, not 30.</summary>
    private static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(6);
    private static readonly TimeSpan TakeoverBound = HeartbeatTimeout + TimeSpan.FromSeconds(15);

    [TestMethod]
    public async Task ReminderOwnerKilledMidRun_ASurvivorsReminderTickTakesTheRunOver_WithoutARequest()
    {
        // Its own store: the run's figures do not depend on what earlier tests left in the shared one.
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var store = StoreSetup.Blob(azurite.ConnectionString, $"remkill-{Guid.NewGuid():N}");
        var configuration = Configuration(store);
        var nodes = new List<NodeProcess>();
        try
        {
            nodes.AddRange(await NodeProcess.StartApisAsync(3, new Dictionary<string, string?>(store.Settings)
            {
                ["Sync:HeartbeatTimeout"] = HeartbeatTimeout.ToString("c", CultureInfo.InvariantCulture),
            }));

            await WaitAsync(async () => (await MetricsAsync(nodes)).All(m => m.RingSize == 3), TimeSpan.FromSeconds(60), "every node to see 3 silos");
            var clock = Stopwatch.StartNew();
            var (pair, doomed, tried) = await PairWhoseReminderIsOwnedWhereItRunsAsync(store, nodes, configuration);
            var survivors = nodes.Where(node => node != doomed).ToList();
            Console.WriteLine($"pair {pair.PairId}: sync enabled through node {nodes.IndexOf(doomed)}, which owns its reminder, and seeded " +
                $"{clock.Elapsed.TotalSeconds:F1} s after the ring of 3 ({tried} pairs tried)");

            var bcp = new TenantLocation(pair.BcpTenantId, "eu-west");
            using var onDoomed = doomed.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
            var firstRun = await SyncClient.StartAsync(onDoomed, pair.PairId);
            await WaitAsync(async () => await CountAsync(configuration, bcp, EntityTypes.Users) > 0, TimeSpan.FromSeconds(120), "the run to be writing users");
            var before = await MetricsAsync(survivors);
            var ticksByDoomed = (await SiloMetrics.ReadAsync(doomed)).RemindersTicksDelivered;
            var killedAt = DateTime.UtcNow;
            await doomed.KillAsync();
            Console.WriteLine($"killed node {nodes.IndexOf(doomed)} mid-run ({ticksByDoomed} ticks delivered by it)");

            // Only reads from here on: the pair's audit says when a run starts, and the metrics which silo fires the reminder
            // (the only one left enabled in this cluster).
            using var onSurvivor = survivors[0].ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
            DateTime? firstSurvivorTick = null;
            string? takeover = null;
            var answers = new Dictionary<HttpStatusCode, int>();
            await WaitAsync(async () =>
            {
                var now = await MetricsAsync(survivors);
                if (firstSurvivorTick is null && Enumerable.Range(0, survivors.Count).Any(i => now[i].RemindersTicksDelivered > before[i].RemindersTicksDelivered))
                {
                    firstSurvivorTick = DateTime.UtcNow;
                }

                var response = await onSurvivor.GetAsync($"/tenant-pairs/{pair.PairId}/audit?limit=50");
                answers[response.StatusCode] = answers.GetValueOrDefault(response.StatusCode) + 1;
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    // The pair's activation may have been on the killed node: unavailable until the cluster declares it dead.
                    return false;
                }

                Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
                takeover = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray()
                    .Select(entry => entry!.AsObject())
                    .Where(entry => entry["action"]?.GetValue<string>() == "sync-run" && entry["outcome"]?.GetValue<string>() == "started")
                    .Select(entry => entry["details"]!["runId"]!.GetValue<string>())
                    .FirstOrDefault(runId => runId != firstRun);
                return takeover is not null;
            }, TakeoverBound, "a survivor's reminder tick to take the run over");

            var after = await MetricsAsync(survivors);
            var firing = Enumerable.Range(0, survivors.Count).Where(i => after[i].RemindersTicksDelivered > before[i].RemindersTicksDelivered).ToList();
            var report = await SyncClient.WaitAsync(onSurvivor, pair.PairId, takeover!);
            var runs = await SyncClient.GetRunsAsync(onSurvivor, pair.PairId);
            var killed = runs.Single(run => run.RunId == firstRun);
            var ended = await MetricsAsync(survivors);
            var ticks = string.Join(", ", Enumerable.Range(0, survivors.Count)
                .Select(i => $"node {nodes.IndexOf(survivors[i])}: {after[i].RemindersTicksDelivered - before[i].RemindersTicksDelivered}"));
            var ranOn = string.Join(", ", Enumerable.Range(0, survivors.Count)
                .Select(i => $"node {nodes.IndexOf(survivors[i])}: {ended[i].SyncRunsEnded("manual", Outcome(report))}"));
            Console.WriteLine($"reminder owner kill: first tick from a survivor {(firstSurvivorTick - killedAt)?.TotalSeconds:F1} s after the kill; " +
                $"run {takeover} started by a tick {(report.StartedAt.UtcDateTime - killedAt).TotalSeconds:F1} s after the kill (heartbeat timeout {HeartbeatTimeout.TotalSeconds:F0} s) " +
                $"and {report.Outcome} in {(report.FinishedAt!.Value - report.StartedAt).TotalSeconds:F1} s; " +
                $"audit reads while waiting: {string.Join(", ", answers.OrderBy(a => a.Key).Select(a => $"{(int)a.Key}: {a.Value}"))}; " +
                $"ticks delivered since the kill: {ticks}; manual runs ended: {ranOn}");

            Assert.AreEqual(1, firing.Count, "one survivor's reminder service fires the reminder now: " + ticks);
            Assert.AreEqual(1, ended[firing[0]].SyncRunsEnded("manual", Outcome(report)),
                "the takeover ran beside the reminder service whose tick started it (the tick placed the sync grain there): " + ranOn);
            Assert.AreEqual(SyncTrigger.Manual, report.Trigger, "the takeover continues the killed run's trigger");
            Assert.AreEqual(SyncOutcome.Succeeded, report.Outcome, report.Error);
            Assert.AreEqual(SyncOutcome.Failed, killed.Outcome, "the killed run is recorded as failed");
            StringAssert.Contains(killed.Error, "stopped reporting", "failed because a takeover found its heartbeat stale");
            Assert.AreEqual(2, runs.Count, "the killed run and one takeover, nothing else: " + string.Join(", ", runs.Select(run => $"{run.Trigger} {run.Outcome}")));
            Assert.AreEqual(Users, await CountAsync(configuration, bcp, EntityTypes.Users), "every user copied once");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// Creates a pair, seeds its primary (beside the watch of its reminder's ticks, which the store's writes do not touch),
    /// and enables its sync through the node the ring predicts fires its reminder (else node i mod 3; the
    /// sync grain is placed on the node that first calls it, and registers the reminder), until the node whose reminder
    /// service delivers the reminder's ticks is that node. The pairs that did not fit get their sync disabled again
    /// (reminder unregistered), so one reminder at most ticks in the cluster, and whichever node's tick count grows fires it.
    /// </summary>
    private static async Task<(TestPair Pair, NodeProcess Node, int Tried)> PairWhoseReminderIsOwnedWhereItRunsAsync(
        StoreSetup store, IReadOnlyList<NodeProcess> nodes, StoreTenantConfiguration configuration)
    {
        for (var i = 0; i < Candidates; i++)
        {
            var pair = await CreatePairAsync(nodes[i % nodes.Count], $"Classics {i}");
            // A pair that does not fit is disabled again with its seeded data: only the one that fits is synced.
            var seeding = SeedAsync(configuration, new TenantLocation(pair.PrimaryTenantId, "us-east"));
            NodeProcess? fits;
            try
            {
                fits = await EnableWhereItsReminderFiresAsync(store, nodes, pair, i);
            }
            finally
            {
                await seeding;
            }

            if (fits is { } node)
            {
                return (pair, node, i + 1);
            }
        }

        Assert.Fail($"none of {Candidates} pairs had its reminder fired by the node its sync was enabled through");
        return default;
    }

    /// <summary>
    /// Enables the pair's sync through the node predicted to fire its reminder (else node <paramref name="candidate"/> mod 3);
    /// that node if its reminder service does deliver the reminder's ticks, else null with the pair's sync disabled again.
    /// </summary>
    private static async Task<NodeProcess?> EnableWhereItsReminderFiresAsync(StoreSetup store, IReadOnlyList<NodeProcess> nodes, TestPair pair, int candidate)
    {
        var index = await PredictedReminderOwnerAsync(store, nodes, pair.PairId) ?? candidate % nodes.Count;
        var node = nodes[index];
        using var admin = node.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var before = await QuietTicksAsync(nodes);
        var activationsBefore = (await SiloMetrics.ReadAsync(node)).Activations(SyncGrainType);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        Assert.AreEqual(activationsBefore + 1, (await SiloMetrics.ReadAsync(node)).Activations(SyncGrainType), "the sync grain is placed where it was first called");
        List<long> ticks = [];
        await WaitAsync(async () => (ticks = await TicksAsync(nodes)).Where((count, n) => count > before[n]).Count() == 1, TimeSpan.FromSeconds(10),
            "one node to deliver the reminder's ticks");
        await Task.Delay(TimeSpan.FromSeconds(2));
        ticks = await TicksAsync(nodes);
        var firing = Enumerable.Range(0, nodes.Count).Where(n => ticks[n] > before[n]).ToList();
        Assert.AreEqual(1, firing.Count, "one node delivers the ticks of one reminder: " + string.Join(", ", ticks.Select((count, n) => count - before[n])));
        if (firing[0] == index)
        {
            return node;
        }

        await SyncClient.ConfigureAsync(admin, pair.PairId, enabled: false);
        return null;
    }

    /// <summary>
    /// The node whose reminder service should fire the pair's sync reminder, as Orleans places it: each active silo holds
    /// <see cref="RingBucketsPerSilo"/> points of a ring of uniform hashes, and a grain's reminder belongs to the silo of the
    /// first point at or above the grain's hash. Only a guess that spares tries (without it a third of the tries fit, and
    /// each costs 5 to 6 s): the tick counts still say which node fires it.
    /// Null if the cluster's membership rows do not name every node as active.
    /// </summary>
    private static async Task<int?> PredictedReminderOwnerAsync(StoreSetup store, IReadOnlyList<NodeProcess> nodes, string pairId)
    {
        var clusterId = store.Settings["Storage:Default:Container"];
        var table = new TableClient(store.Settings["Storage:Default:ConnectionString"], "OrleansSiloInstances");
        var silos = new Dictionary<int, SiloAddress>();
        await foreach (var row in table.QueryAsync<TableEntity>(entity => entity.PartitionKey == clusterId))
        {
            if (row.GetString("Status") == "Active"
                && IPAddress.TryParse(row.GetString("Address"), out var address)
                && int.TryParse(row.GetString("Port"), CultureInfo.InvariantCulture, out var port)
                && int.TryParse(row.GetString("Generation"), CultureInfo.InvariantCulture, out var generation))
            {
                silos[port] = SiloAddress.New(address, port, generation);
            }
        }

        if (!nodes.All(node => silos.ContainsKey(node.SiloPort)))
        {
            return null;
        }

        var ring = nodes
            .SelectMany((node, index) => silos[node.SiloPort].GetUniformHashCodes(RingBucketsPerSilo).Select(hash => (Hash: hash, Node: index)))
            .OrderBy(point => point.Hash)
            .ToList();
        var key = GrainId.Create(SyncGrainType, pairId).GetUniformHashCode();
        return ring.FirstOrDefault(point => point.Hash >= key, ring[0]).Node;
    }

    /// <summary>The nodes' delivered-tick counts, once they have stopped moving (no reminder ticking in the cluster).</summary>
    private static async Task<List<long>> QuietTicksAsync(IReadOnlyList<NodeProcess> nodes)
    {
        var last = await TicksAsync(nodes);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var now = await TicksAsync(nodes);
            if (now.SequenceEqual(last))
            {
                return now;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, "the disabled reminders still tick");
            last = now;
        }
    }

    private static async Task<List<long>> TicksAsync(IReadOnlyList<NodeProcess> nodes) =>
        [.. (await MetricsAsync(nodes)).Select(m => m.RemindersTicksDelivered)];

    private static string Outcome(SyncRunReport report) => report.Outcome.ToString().ToLowerInvariant();

    private static async Task<TestPair> CreatePairAsync(NodeProcess node, string name)
    {
        using var operatorClient = node.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, name, "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, name + " BCP", "eu-west");
        var response = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<PairCreated>(BcpClient.Json))!;
        return new TestPair(created.PairId, primary, bcp, created.Passkey);
    }

    /// <summary>The tenant configuration of the test's store, read and written directly (no silo: the cluster's ring stays as it is).</summary>
    private static StoreTenantConfiguration Configuration(StoreSetup store)
    {
        var options = new StorageOptions
        {
            Default = new StoreOptions
            {
                Provider = "blob",
                ConnectionString = store.Settings["Storage:Default:ConnectionString"],
                Container = store.Settings["Storage:Default:Container"]!,
            },
        };
        var stores = new ObjectStoreProvider(Options.Create(options));
        return new StoreTenantConfiguration(stores, new ChangeStamps(stores, TimeProvider.System));
    }

    /// <summary>As <see cref="NodeCrashTests"/> seeds: roles, teams and <see cref="Users"/> users that reference them.</summary>
    private static async Task SeedAsync(StoreTenantConfiguration configuration, TenantLocation primary)
    {
        async Task<string> AddAsync(string type, JsonObject data)
        {
            var id = Guid.NewGuid().ToString("N");
            await configuration.CreateAsync(primary, type, id, data);
            return id;
        }

        var roles = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => AddAsync(EntityTypes.Roles, new JsonObject { ["name"] = $"Role {i}" })));
        var teams = await Task.WhenAll(Enumerable.Range(0, 5).Select(i => AddAsync(EntityTypes.Teams, new JsonObject { ["name"] = $"Team {i}" })));
        foreach (var chunk in Enumerable.Range(0, Users).Chunk(50))
        {
            await Task.WhenAll(chunk.Select(i => AddAsync(EntityTypes.Users, new JsonObject
            {
                ["username"] = $"agent{i:D5}@classics.example",
                ["firstName"] = "Agent",
                ["lastName"] = i.ToString(CultureInfo.InvariantCulture),
                ["roleId"] = roles[i % 5],
                ["teamId"] = teams[i % 5],
            })));
        }
    }

    private static async Task<int> CountAsync(StoreTenantConfiguration configuration, TenantLocation tenant, string type)
    {
        var count = 0;
        string? continuation = null;
        do
        {
            var (items, next) = await configuration.ListAsync(tenant, type, continuation, 1000);
            count += items.Count;
            continuation = next;
        }
        while (continuation is not null);
        return count;
    }

    private static async Task<List<SiloMetrics>> MetricsAsync(IEnumerable<NodeProcess> nodes) =>
        [.. await Task.WhenAll(nodes.Select(SiloMetrics.ReadAsync))];

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await done())
        {
            Assert.IsTrue(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(250);
        }
    }

    private sealed record PairCreated(string PairId, string Passkey);
}
