using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Readiness;

/// <summary>The report never blocks a switch; a switch answered while it is not-ready names the failing checks in its answer and audit entry.</summary>
[TestClass]
public sealed class ReadinessSwitchTests
{
    private readonly TempFolder _folder = new();

    /// <summary>
    /// Fresh reports, and a switch that waits long enough for one on a loaded machine: these tests are about what a
    /// switch names, not how fast a report is checked.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, string?> Settings =
        new Dictionary<string, string?>(ReadinessClient.FreshReports) { ["Readiness:SwitchWait"] = "00:00:10" };

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Switch_WhileNotReady_GoesOn_AndNamesTheFailingChecks_InAnswerAndAudit()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: Settings);
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        var answer = await SwitchAsync(admin, pair, "bcp");

        Assert.AreEqual(("switched", 1), (answer["outcome"]!.GetValue<string>(), answer["epoch"]!.GetValue<int>()), answer.ToJsonString());
        CollectionAssert.AreEqual(new[] { "last-sync", "bcp-access" }, answer["notReadyChecks"]!.AsArray().Select(id => id!.GetValue<string>()).ToArray());
        var entry = (await BcpClient.GetAuditAsync(admin, pair.PairId)).First(e => e.Action == "switch");
        Assert.AreEqual("last-sync,bcp-access", entry.Details["notReadyChecks"]!.GetValue<string>());
    }

    [TestMethod]
    // Alone: the refresh waits for the switch at most MaxAge (2 s); beside other classes the switch itself took longer.
    [DoNotParallelize]
    public async Task Switch_AnsweredByAKeptReport_RefreshesItOnlyOnceTheSwitchIsOver()
    {
        var tap = new WriteTap();
        // A report older than MaxAge (2 s) and younger than 5 × MaxAge answers a switch at once and is checked again.
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?> { ["Readiness:MaxAge"] = "00:00:02" }, services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var control = host.Services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control);
        await ReadinessClient.GetAsync(admin, pair.PairId);
        await Task.Delay(TimeSpan.FromSeconds(2.5));

        // The switch stays under way while its commit (the pair's state) is held; a check pings every store it reads.
        tap.HoldWrites(key => key == $"grains/pair/{Uri.EscapeDataString(pair.PairId)}");
        var since = Stopwatch.GetTimestamp();
        var switching = BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
        await Poll.UntilAsync(() => Task.FromResult(tap.Held >= 1), TimeSpan.FromSeconds(30), "the switch reaches its commit");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.AreEqual(0, tap.PingsOf(control).Count(at => at > since), "no readiness check shares the node with the switch under way");

        tap.ReleaseWrites();
        using var switched = await switching;
        Assert.AreEqual(HttpStatusCode.OK, switched.StatusCode, await switched.Content.ReadAsStringAsync());
        await Poll.UntilAsync(() => Task.FromResult(tap.PingsOf(control).Any(at => at > since)), TimeSpan.FromSeconds(10), "the report is checked again once the switch is over");
    }

    [TestMethod]
    public async Task Switch_WhileAnotherSwitchIsUnderWay_GoesOnWithoutACheck_AndStartsNone()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: Settings, services: TappedStoreProvider.Install(tap));
        var held = await BcpClient.CreatePairAsync(host);
        var pair = await BcpClient.CreatePairAsync(host);
        var later = await BcpClient.CreatePairAsync(host);
        var control = host.Services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control);

        // One switch stays under way while its commit (the pair's state) is held.
        tap.HoldWrites(key => key == $"grains/pair/{Uri.EscapeDataString(held.PairId)}");
        using var heldAdmin = host.ClientFor(held.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var holding = BcpClient.SwitchAsync(heldAdmin, held.PairId, "bcp", held.Passkey);
        await Poll.UntilAsync(() => Task.FromResult(tap.Held >= 1), TimeSpan.FromSeconds(30), "the first switch reaches its commit");
        var since = Stopwatch.GetTimestamp();

        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var answer = await SwitchAsync(admin, pair, "bcp");

        Assert.AreEqual("switched", answer["outcome"]!.GetValue<string>(), answer.ToJsonString());
        Assert.IsFalse(answer.ContainsKey("notReadyChecks"), $"no check, so no failing check named: {answer.ToJsonString()}");
        Assert.AreEqual(0, tap.PingsOf(control).Count(at => at > since), "the switch started no check beside the other one");

        tap.ReleaseWrites();
        using var released = await holding;
        Assert.AreEqual(HttpStatusCode.OK, released.StatusCode, await released.Content.ReadAsStringAsync());
        // Alone again, a switch is checked as before (its pair was never synced: not ready).
        using var laterAdmin = host.ClientFor(later.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        Assert.IsTrue((await SwitchAsync(laterAdmin, later, "bcp")).ContainsKey("notReadyChecks"), "a switch alone names the failing checks");
    }

    [TestMethod]
    public async Task Switch_WhileEveryCheckSlotIsTaken_GoesOnWithoutACheck_AndStartsNone()
    {
        var tap = new WriteTap();
        // One check at a time, and reads that wait long enough to hold it.
        var settings = new Dictionary<string, string?>(Settings) { ["Readiness:MaxChecksAtOnce"] = "1", ["Readiness:ReadTimeout"] = "00:00:30" };
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: settings, services: TappedStoreProvider.Install(tap));
        var busy = await BcpClient.CreatePairAsync(host);
        var pair = await BcpClient.CreatePairAsync(host);
        var later = await BcpClient.CreatePairAsync(host);
        var control = host.Services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control);

        // A poll's check of another pair takes the node's one slot; it is held at its last step, the verdict's write.
        tap.HoldWrites(key => key == $"grains/readiness/{Uri.EscapeDataString(busy.PairId)}");
        using var busyAdmin = host.ClientFor(busy.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var polling = ReadinessClient.GetAsync(busyAdmin, busy.PairId);
        await Poll.UntilAsync(() => Task.FromResult(tap.Held >= 1), TimeSpan.FromSeconds(30), "the poll's check reaches the verdict's write");
        var since = Stopwatch.GetTimestamp();

        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var answer = await SwitchAsync(admin, pair, "bcp");

        Assert.AreEqual("switched", answer["outcome"]!.GetValue<string>(), answer.ToJsonString());
        Assert.IsFalse(answer.ContainsKey("notReadyChecks"), $"no check, so no failing check named: {answer.ToJsonString()}");
        Assert.AreEqual(0, tap.PingsOf(control).Count(at => at > since), "the switch started no check of its own");

        tap.ReleaseWrites();
        await polling;
        // With the slot free again, a switch is checked as before (its pair was never synced: not ready).
        using var laterAdmin = host.ClientFor(later.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        Assert.IsTrue((await SwitchAsync(laterAdmin, later, "bcp")).ContainsKey("notReadyChecks"), "a switch with a free slot names the failing checks");
    }

    [TestMethod]
    public async Task ReturnToThePrimary_NamesNoCheckAboutTheBcpSide_AndTheAnswerHasNoNotReadyChecks()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: Settings);
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        Assert.IsTrue((await SwitchAsync(admin, pair, "bcp")).ContainsKey("notReadyChecks"), "the BCP side is not ready: never synced");

        var answer = await SwitchAsync(admin, pair, "primary");

        // The checks are about the BCP tenant; the primary, which takes the traffic now, answers.
        Assert.AreEqual(("switched", 2), (answer["outcome"]!.GetValue<string>(), answer["epoch"]!.GetValue<int>()), answer.ToJsonString());
        Assert.IsFalse(answer.ContainsKey("notReadyChecks"), answer.ToJsonString());
        var entry = (await BcpClient.GetAuditAsync(admin, pair.PairId)).First(e => e.Action == "switch" && e.Details["requestedSide"]!.GetValue<string>() == "primary");
        Assert.IsFalse(entry.Details.ContainsKey("notReadyChecks"), string.Join(",", entry.Details.Keys));
    }

    [TestMethod]
    public async Task ReturnToThePrimary_WhileThePrimaryStoreIsDown_NamesTheStoresCheck()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: Settings, services: OutageStoreProvider.Install());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await SwitchAsync(admin, pair, "bcp");
        ((OutageStoreProvider)host.Services.GetRequiredService<IObjectStoreProvider>()).Down("us-east");

        var answer = await SwitchAsync(admin, pair, "primary");

        CollectionAssert.AreEqual(new[] { "stores" }, answer["notReadyChecks"]!.AsArray().Select(id => id!.GetValue<string>()).ToArray(), answer.ToJsonString());
    }

    [TestMethod]
    public async Task Switch_WhileReady_NamesNoCheck()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: Settings);
        var pair = await BcpClient.CreatePairAsync(host);
        await ReadinessTenant.SeedAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual("ready", ReadinessClient.Verdict(await ReadinessClient.GetAsync(admin, pair.PairId)));

        var answer = await SwitchAsync(admin, pair, "bcp");

        Assert.AreEqual("switched", answer["outcome"]!.GetValue<string>());
        Assert.IsFalse(answer.ContainsKey("notReadyChecks"), answer.ToJsonString());
        var entry = (await BcpClient.GetAuditAsync(admin, pair.PairId)).First(e => e.Action == "switch");
        Assert.IsFalse(entry.Details.ContainsKey("notReadyChecks"));
    }

    private static async Task<JsonObject> SwitchAsync(HttpClient client, TestPair pair, string side)
    {
        var response = await BcpClient.SwitchAsync(client, pair.PairId, side, pair.Passkey);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.IsTrue(response.IsSuccessStatusCode, body?.ToJsonString());
        return body!;
    }
}
