using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// A sync run is second to a switch on its node (Grains/Pairs/SwitchPriority.cs): while a switch is under way the run
/// starts no step, for at most <c>Sync:SwitchPause</c> per step, then goes on; a negative pause stops the node at start.
/// </summary>
[TestClass]
// Alone: it bounds when a paused run goes on; other classes' load would stretch that.
[DoNotParallelize]
public sealed class SyncYieldTests
{
    private const int Users = 600;

    private static readonly TimeSpan SwitchPause = TimeSpan.FromSeconds(3);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Switch_UnderWay_TheRunStartsNoWrite_UntilItsPauseIsOver()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?> { ["Sync:SwitchPause"] = SwitchPause.ToString() },
            services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        var primary = TenantData.PrimaryOf(host, pair);
        var ids = Enumerable.Range(0, Users).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        await Parallel.ForEachAsync(ids.Select((id, i) => (id, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (user, _) =>
            await primary.AddAsync(EntityTypes.Users, new { username = $"yield{user.i}@classics.example", firstName = "Agent", lastName = $"{user.i}", bcpType = "none" }, user.id));
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Users]);

        // Each BCP copy takes 30 ms longer, so the run is still writing when the switch comes (16 in flight: ~1.1 s in all).
        bool BcpUsers(string key) => key.StartsWith($"config/{pair.BcpTenantId}/{EntityTypes.Users}/", StringComparison.Ordinal);
        tap.SlowWrites(BcpUsers, TimeSpan.FromMilliseconds(30));
        var runId = await SyncClient.StartAsync(admin, pair.PairId);
        await Poll.UntilAsync(async () => Done(await SyncClient.GetRunAsync(admin, pair.PairId, runId)) >= 32, TimeSpan.FromSeconds(60), "the run copies users");

        // The switch stays under way while its commit (the pair's state) is held.
        tap.HoldWrites(key => key == $"grains/pair/{Uri.EscapeDataString(pair.PairId)}");
        var switching = BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
        await Poll.UntilAsync(() => Task.FromResult(tap.Held >= 1), TimeSpan.FromSeconds(30), "the switch reaches its commit");
        var held = Stopwatch.GetTimestamp();

        // Half the pause: long enough for dozens of copies had the run gone on (16 at a time, ~30 ms each).
        await Task.Delay(SwitchPause / 2);
        Assert.AreEqual(0, tap.StartedAfter(held, BcpUsers).Count, "no BCP write starts while a switch is under way");
        var running = await SyncClient.GetRunAsync(admin, pair.PairId, runId);
        Assert.AreEqual(SyncOutcome.Running, running.Outcome, "the run waits, it does not end");

        // Past its pause the run goes on, though the switch is still under way.
        await Poll.UntilAsync(() => Task.FromResult(tap.StartedAfter(held, BcpUsers).Count > 0), SwitchPause * 3, "the run goes on after its pause");
        var resumedAfter = Stopwatch.GetElapsedTime(held);
        Assert.IsTrue(resumedAfter >= SwitchPause / 2, $"resumed {resumedAfter.TotalSeconds:F1} s after the switch was held");

        tap.ReleaseWrites();
        using var switched = await switching;
        Assert.AreEqual(HttpStatusCode.OK, switched.StatusCode, await switched.Content.ReadAsStringAsync());
        var report = await SyncClient.WaitAsync(admin, pair.PairId, runId);
        Assert.AreEqual((SyncOutcome.Cancelled, SyncCancelReason.BcpActivated), (report.Outcome, report.CancelReason), report.Error);
    }

    [TestMethod]
    public async Task Start_NegativeSwitchPause_RefusesNamingTheKey()
    {
        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() =>
            ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?> { ["Sync:SwitchPause"] = "-00:00:01" }));

        StringAssert.Contains(error.Message, "Sync:SwitchPause must not be negative");
    }

    private static int Done(SyncRunReport report) => report.Progress?.GetValueOrDefault(EntityTypes.Users)?.Done ?? 0;
}
