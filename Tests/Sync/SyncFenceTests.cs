using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Sync;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// A run writes only while its pair is on the primary at the epoch it started at, and only while it is the sync grain's
/// current run (Silo/Sync/RunFence.cs): a switch stops it before its next write, and a worker whose run was taken over
/// writes nothing more once it wakes up.
/// </summary>
[TestClass]
public sealed class SyncFenceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Switch_WhileARunWrites_NoBcpWriteStartsAfterThe200_AndTheAdminsEditsStay()
    {
        const int users = 300;
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        var primary = TenantData.PrimaryOf(host, pair);
        var bcp = TenantData.BcpOf(host, pair);
        var ids = await SeedUsersAsync(primary, users);
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Users]);
        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.RunAsync(admin, pair.PairId)).Outcome, "the first copy");

        // Every user changes on the primary, so the next run replaces every BCP copy: slowly, to act while it runs.
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
            await primary.UpdateAsync(EntityTypes.Users, id, data => data["lastName"] = "changed on the primary"));
        var bcpUsers = BcpWrites(pair, EntityTypes.Users);
        tap.SlowWrites(bcpUsers, TimeSpan.FromMilliseconds(60));
        var runStart = Stopwatch.GetTimestamp();
        var runId = await SyncClient.StartAsync(admin, pair.PairId);
        await WaitForAsync(async () => Done(await RunningAsync(admin, pair, runId)) >= 32, "the run copies users");

        var switchStart = Stopwatch.GetTimestamp();
        var switched = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
        var answered = Stopwatch.GetTimestamp();
        Assert.AreEqual(HttpStatusCode.OK, switched.StatusCode, await switched.Content.ReadAsStringAsync());
        Console.WriteLine($"switch to bcp with a run in flight (60 ms per BCP write): {Stopwatch.GetElapsedTime(switchStart, answered).TotalMilliseconds:F1} ms");

        // The BCP tenant is live now: its admin edits users the run had not reached yet.
        var reached = tap.StartedAfter(runStart, bcpUsers).ToHashSet(StringComparer.Ordinal);
        var bcpIds = (await bcp.AllAsync(EntityTypes.Users)).Keys.ToList();
        var edited = bcpIds.Where(id => !reached.Contains(Key(pair, EntityTypes.Users, id))).Take(20).ToList();
        Assert.AreEqual(20, edited.Count, $"the run should still have users to write when the switch answered ({reached.Count} of {users} reached)");
        foreach (var id in edited)
        {
            await bcp.UpdateAsync(EntityTypes.Users, id, data => data["lastName"] = "edited in the live BCP tenant");
        }

        var report = await SyncClient.WaitAsync(admin, pair.PairId, runId);
        Assert.AreEqual((SyncOutcome.Cancelled, SyncCancelReason.BcpActivated), (report.Outcome, report.CancelReason), report.Error);
        Assert.IsTrue(report.Progress![EntityTypes.Users].Done < users, "the run stopped before the end");
        var afterSwitch = tap.StartedAfter(answered, bcpUsers);
        var editedKeys = edited.Select(id => Key(pair, EntityTypes.Users, id)).ToList();
        CollectionAssert.AreEquivalent(editedKeys, afterSwitch.ToList(), "after the switch's 200 only the BCP admin's edits were written");
        foreach (var id in edited)
        {
            Assert.AreEqual("edited in the live BCP tenant", (await bcp.GetAsync(EntityTypes.Users, id))!["lastName"]!.GetValue<string>(), $"user {id}");
        }

        var json = await admin.GetStringAsync($"/tenant-pairs/{pair.PairId}/sync/runs/{runId}");
        StringAssert.Contains(json, "\"outcome\":\"cancelled\"");
        StringAssert.Contains(json, "\"cancelReason\":\"bcp-activated\"");

        // Back on the primary, the next run resumes from what the cancelled one recorded: one BCP copy per user.
        tap.SlowWrites(_ => false, TimeSpan.Zero);
        Assert.AreEqual(HttpStatusCode.OK, (await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey)).StatusCode);
        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.RunAsync(admin, pair.PairId)).Outcome);
        await SyncMirror.AssertMirrorsAsync(host, pair);
    }

    [TestMethod]
    public async Task Takeover_OfAHeldWorker_TheReleasedWorkerWritesNothingMore_AndEveryEntityHasOneCopy()
    {
        var tap = new WriteTap();
        var cut = new UnreachableGrains();
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        // Both silos find a run stale after 2 s. The first worker's heartbeats are cut (its silo cannot reach the sync
        // grain for them, as a stalled or partitioned worker), so the run is taken over while that worker is held.
        var staleAfter = new Dictionary<string, string?> { ["Sync:HeartbeatTimeout"] = "00:00:02" };
        await using var first = await ApiHost.StartAsync(store, settings: staleAfter, services: services =>
        {
            TappedStoreProvider.Install(tap)(services);
            services.AddSingleton<IOutgoingGrainCallFilter>(cut);
        });
        await using var second = await ApiHost.StartAsync(store, settings: staleAfter);
        var pair = await BcpClient.CreatePairAsync(first);
        await SyncFixture.SeedAsync(TenantData.PrimaryOf(first, pair));
        using var adminOnFirst = first.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        using var adminOnSecond = second.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(adminOnFirst, pair.PairId, rewriteScriptIds: true);
        var bcpWrites = BcpWrites(pair, "");
        // Only the first worker's 5 user writes are held: the run that takes over (wherever it runs) writes freely.
        var users = BcpWrites(pair, EntityTypes.Users);
        var holding = 0;
        tap.HoldWrites(key => users(key) && Interlocked.Increment(ref holding) <= 5);

        var heldRun = await SyncClient.StartAsync(adminOnFirst, pair.PairId);
        await WaitForAsync(() => Task.FromResult(tap.Held == 5), "the first worker's 5 user writes are held");
        cut.Cut(call => call.InterfaceMethod?.Name == nameof(ISyncReminderGrain.HeartbeatAsync) && Equals(call.Request.GetArgument(0), heldRun));
        string? takeover = null;
        await WaitForAsync(async () =>
        {
            // Taken over by "run now" or by the pair's reminder, whichever finds the run stale first.
            var response = await adminOnSecond.PostAsync($"/tenant-pairs/{pair.PairId}/sync/runs", null);
            Assert.IsTrue(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            var newest = (await SyncClient.GetRunsAsync(adminOnSecond, pair.PairId))[0].RunId;
            takeover = newest == heldRun ? null : newest;
            if (takeover is null)
            {
                await Task.Delay(200);
            }

            return takeover is not null;
        }, "another run takes the held run over");
        var rerun = await SyncClient.WaitAsync(adminOnSecond, pair.PairId, takeover!);
        Assert.AreEqual(SyncOutcome.Succeeded, rerun.Outcome, rerun.Error);

        var released = Stopwatch.GetTimestamp();
        tap.ReleaseWrites();
        await first.Services.GetRequiredService<SyncRunner>().WhenIdleAsync();

        CollectionAssert.AreEqual(Array.Empty<string>(), tap.StartedAfter(released, bcpWrites).ToArray(), "the released worker started no BCP write");
        var held = await SyncClient.GetRunAsync(adminOnSecond, pair.PairId, heldRun);
        Assert.AreEqual((SyncOutcome.Cancelled, SyncCancelReason.TakenOver), (held.Outcome, held.CancelReason), held.Error);
        await SyncMirror.AssertMirrorsAsync(second, pair);
    }

    /// <summary>Switch latency, with and without a run copying at the moment of the switch; figures go to the test output.</summary>
    [TestMethod]
    public async Task SwitchLatency_WithARunInFlight_StaysNearTheLatencyWithout()
    {
        const int rounds = 3;
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        await SeedUsersAsync(TenantData.PrimaryOf(host, pair), 2000);
        // Unslowed, the run copies these users between two progress reports; 20 ms more per copy keeps it writing (~800 copies/s).
        tap.SlowWrites(BcpWrites(pair, EntityTypes.Users), TimeSpan.FromMilliseconds(20));
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Users]);

        var idle = new List<double>();
        for (var i = 0; i < rounds + 1; i++)
        {
            var toBcp = await TimedSwitchAsync(admin, pair, "bcp");
            await TimedSwitchAsync(admin, pair, "primary");
            if (i > 0)
            {
                idle.Add(toBcp);
            }
        }

        var busy = new List<double>();
        var copied = 0;
        for (var i = 0; i < rounds; i++)
        {
            // A cancelled run recorded what it copied: the next one counts those as done at once, then copies on.
            var runId = await SyncClient.StartAsync(admin, pair.PairId);
            await WaitForAsync(async () => Done(await RunningAsync(admin, pair, runId))  > copied, "the run copies users");
            busy.Add(await TimedSwitchAsync(admin, pair, "bcp"));
            var report = await SyncClient.WaitAsync(admin, pair.PairId, runId);
            Assert.AreEqual(SyncOutcome.Cancelled, report.Outcome, $"round {i}: the run was still writing when the switch answered");
            copied = Done(report);
            await TimedSwitchAsync(admin, pair, "primary");
        }

        var (idleMedian, busyMedian) = (Median(idle), Median(busy));
        Console.WriteLine($"switch to bcp, no run: median {idleMedian:F1} ms ({string.Join(", ", idle.Select(ms => ms.ToString("F1")))})");
        Console.WriteLine($"switch to bcp, run in flight: median {busyMedian:F1} ms ({string.Join(", ", busy.Select(ms => ms.ToString("F1")))})");
        // Loose on a shared machine: a run must not hold the switch up by seconds, as it did before the fence.
        Assert.IsTrue(busyMedian < idleMedian + 1000, $"a run in flight slowed the switch: {busyMedian:F1} ms against {idleMedian:F1} ms");
    }

    private static async Task<double> TimedSwitchAsync(HttpClient admin, TestPair pair, string side)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await BcpClient.SwitchAsync(admin, pair.PairId, side, pair.Passkey);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return elapsed;
    }

    private static async Task<List<string>> SeedUsersAsync(TenantData primary, int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, _) =>
            await primary.AddAsync(EntityTypes.Users, new { username = $"agent{user.i}@classics.example", firstName = "Agent", lastName = $"{user.i}", bcpType = "none" }, user.id));
        return ids;
    }

    private static async Task<SyncRunReport> RunningAsync(HttpClient admin, TestPair pair, string runId)
    {
        var report = await SyncClient.GetRunAsync(admin, pair.PairId, runId);
        Assert.AreEqual(SyncOutcome.Running, report.Outcome, $"the run ended before the test could act on it: {report.Outcome} {report.CancelReason} {report.Error} {Done(report)}");
        return report;
    }

    private static int Done(SyncRunReport report) => report.Progress?.GetValueOrDefault(EntityTypes.Users)?.Done ?? 0;

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    /// <summary>Writes of the pair's BCP tenant data (of one type, or of every type).</summary>
    private static Func<string, bool> BcpWrites(TestPair pair, string type) =>
        key => key.StartsWith($"config/{pair.BcpTenantId}/{type}", StringComparison.Ordinal);

    private static string Key(TestPair pair, string type, string id) => $"config/{pair.BcpTenantId}/{type}/{Uri.EscapeDataString(id)}";

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Deadline;
        while (!await condition())
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, $"timed out waiting: {what}");
            await Task.Delay(20);
        }
    }
}
