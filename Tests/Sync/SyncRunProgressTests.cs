using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// A run report's <c>progress</c> (per type: <c>planned</c>, <c>done</c>), live while the run is running and
/// final when it ends, and the <c>skipReason</c> of a skipped run — read as the JSON the console reads.
/// </summary>
[TestClass]
public sealed class SyncRunProgressTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Progress_WhileTheUsersAreHeld_ShowsOnAnotherSiloThenEndsWithEverythingDone()
    {
        var tap = new WriteTap();
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        await using var runner = await ApiHost.StartAsync(store, services: TappedStoreProvider.Install(tap));
        await using var other = await ApiHost.StartAsync(store);
        var pair = await BcpClient.CreatePairAsync(runner);
        await SyncFixture.SeedAsync(TenantData.PrimaryOf(runner, pair));
        using var admin = runner.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        using var reader = other.ClientFor(pair.BcpTenantId, "agent-1");
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        tap.HoldWrites(key => key.StartsWith($"config/{pair.BcpTenantId}/{EntityTypes.Users}/", StringComparison.Ordinal));

        var runId = await SyncClient.StartAsync(admin, pair.PairId);
        JsonObject running;
        var deadline = DateTime.UtcNow + Deadline;
        while (true)
        {
            running = await RunJsonAsync(reader, $"/tenant-pairs/{pair.PairId}/sync/runs/{runId}");
            if (Progress(running, EntityTypes.Scripts) is (3, 3))
            {
                break;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, $"no progress up to the held users: {running.ToJsonString()}");
            await Task.Delay(50);
        }

        Assert.AreEqual("running", running["outcome"]!.GetValue<string>());
        Assert.AreEqual((4, 4), Progress(running, EntityTypes.Skills), "skills come before users");
        Assert.AreEqual(5, Progress(running, EntityTypes.Users).Planned, "every selected type is planned from the start");
        Assert.AreEqual(0, Progress(running, EntityTypes.Users).Done, "the users' writes are held");
        Assert.AreEqual((5, 0), Progress(running, EntityTypes.PointsOfContact), "points of contact come after users");
        Assert.AreEqual(11, running["progress"]!.AsObject().Count, "default mode: all 11 types");
        Assert.IsNull(running["skipReason"], "only a skipped run has a skip reason");
        var listed = (await reader.GetFromJsonAsync<JsonArray>($"/tenant-pairs/{pair.PairId}/sync/runs"))![0]!.AsObject();
        Assert.AreEqual(5, Progress(listed, EntityTypes.Users).Planned, "the history shows the running run's progress too");

        tap.ReleaseWrites();
        await SyncClient.WaitAsync(admin, pair.PairId, runId);
        var ended = await RunJsonAsync(reader, $"/tenant-pairs/{pair.PairId}/sync/runs/{runId}");
        Assert.AreEqual("succeeded", ended["outcome"]!.GetValue<string>(), ended.ToJsonString());
        foreach (var (type, entry) in ended["progress"]!.AsObject())
        {
            Assert.AreEqual(entry!["planned"]!.GetValue<int>(), entry["done"]!.GetValue<int>(), $"{type}: everything planned is done");
        }

        Assert.AreEqual((5, 5), Progress(ended, EntityTypes.Users));
        Assert.AreEqual((5, 5), Progress(ended, EntityTypes.PointsOfContact), "non-voice points of contact are dealt with (left out) too");
        Assert.IsNull(ended["skipReason"]);
    }

    [TestMethod]
    public async Task Progress_CustomMode_PlansOnlyTheChosenTypes()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        await SyncFixture.SeedAsync(TenantData.PrimaryOf(host, pair));
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Skills, EntityTypes.Roles]);

        var runId = (await SyncClient.RunAsync(admin, pair.PairId)).RunId;

        var report = await RunJsonAsync(admin, $"/tenant-pairs/{pair.PairId}/sync/runs/{runId}");
        CollectionAssert.AreEquivalent(new[] { EntityTypes.Skills, EntityTypes.Roles }, report["progress"]!.AsObject().Select(entry => entry.Key).ToArray());
        Assert.AreEqual((2, 2), Progress(report, EntityTypes.Roles));
    }

    [TestMethod]
    public async Task SkipReason_PairOnBcp_IsBcpActive()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));

        var runId = (await SyncClient.RunAsync(admin, pair.PairId)).RunId;

        var report = await RunJsonAsync(admin, $"/tenant-pairs/{pair.PairId}/sync/runs/{runId}");
        Assert.AreEqual(("skipped", "bcp-active"), (report["outcome"]!.GetValue<string>(), report["skipReason"]?.GetValue<string>()));
        Assert.AreEqual(0, report["progress"]!.AsObject().Count, "nothing was planned");
        var status = await admin.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{pair.PairId}");
        Assert.AreEqual("bcp-active", status!["sync"]!["lastRun"]!["skipReason"]!.GetValue<string>(), "the pair status says why too");
    }

    [TestMethod]
    public async Task SkipReason_SyncDisabled_IsDisabledAndNothingIsCopied()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.ConfigureAsync(admin, pair.PairId, enabled: false);

        var runId = (await SyncClient.RunAsync(admin, pair.PairId)).RunId;

        var report = await RunJsonAsync(admin, $"/tenant-pairs/{pair.PairId}/sync/runs/{runId}");
        Assert.AreEqual(("skipped", "disabled"), (report["outcome"]!.GetValue<string>(), report["skipReason"]?.GetValue<string>()));
        Assert.AreEqual(0, (await TenantData.BcpOf(host, pair).AllAsync(EntityTypes.Skills)).Count, "a skipped run copies nothing");
    }

    private static async Task<JsonObject> RunJsonAsync(HttpClient client, string route)
    {
        var response = await client.GetAsync(route);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static (int Planned, int Done) Progress(JsonObject report, string type) =>
        report["progress"]?[type] is JsonObject entry ? (entry["planned"]!.GetValue<int>(), entry["done"]!.GetValue<int>()) : (-1, -1);
}
