using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Readiness;
using Orleans.Bcp.Tests.Webhooks;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// A delete needs proof (docs/sync.md, "Deletes need proof"): a primary store that shows nothing deletes nothing, and deletes past
/// the guard wait for an admin's release. Real SQLite files, the primary region in a file of its own.
/// </summary>
[TestClass]
public sealed class DeleteProofTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Sync_PrimaryStoreRepointedAtAnEmptyFile_DeletesNothingAndSaysWhy()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        TestPair pair;
        await using (var host = await StartAsync("primary.db"))
        {
            pair = await BcpClient.CreatePairAsync(host);
            using var admin = Admin(host, pair);
            await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SyncSucceeded, WebhookEventTypes.SyncDeletesHeld);
            await SeedAsync(host, pair, users: 40, skills: 5);
            await SyncClient.ConfigureAsync(admin, pair.PairId);
            Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.RunAsync(admin, pair.PairId)).Outcome);
            Assert.AreEqual((40, 5), await BcpCountsAsync(host, pair));
        }

        // The primary region's store is pointed at an empty file: repointed, lost or recreated.
        await using (var host = await StartAsync("empty.db"))
        {
            using var admin = Admin(host, pair);
            var report = await SyncClient.RunAsync(admin, pair.PairId);

            Assert.AreEqual(SyncOutcome.Succeeded, report.Outcome, report.Error);
            Assert.AreEqual((40, 5), await BcpCountsAsync(host, pair), "not one BCP copy deleted");
            Assert.AreEqual(0, report.Counts[EntityTypes.Users].Deleted);
            var held = report.HeldDeletes!.ToDictionary(type => type.Type);
            Assert.AreEqual((HeldDeletes.PrimaryListingEmpty, 40, 40), (held[EntityTypes.Users].Reason, held[EntityTypes.Users].Count, held[EntityTypes.Users].Copies));
            Assert.AreEqual((HeldDeletes.PrimaryListingEmpty, 5), (held[EntityTypes.Skills].Reason, held[EntityTypes.Skills].Count));
            Assert.HasCount(45, report.Warnings.Where(warning => warning.Code == HeldDeletes.PrimaryListingEmpty));

            var succeeded = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.SyncSucceeded && RunIdOf(webhook) == report.RunId, Soon);
            StringAssert.Contains(Details(succeeded).GetProperty("heldReasons").GetString(), "users:primary-listing-empty");
            var heldEvent = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.SyncDeletesHeld && RunIdOf(webhook) == report.RunId, Soon);
            Assert.AreEqual("skills:5,users:40", Sorted(Details(heldEvent).GetProperty("heldDeletes").GetString()!));

            var readiness = await ReadinessClient.GetAsync(admin, pair.PairId);
            Assert.AreEqual("warn", ReadinessClient.Status(readiness, "last-sync"), readiness.ToJsonString());
            var items = ReadinessClient.Items(readiness, "last-sync").Where(item => item["type"] is not null).ToList();
            Assert.IsTrue(items.Any(item => item["type"]!.GetValue<string>() == EntityTypes.Users
                && item["detail"]!.GetValue<string>().StartsWith(HeldDeletes.PrimaryListingEmpty, StringComparison.Ordinal)), readiness.ToJsonString());
        }

        // Pointed back at the real store, the next run finds everything in place and holds nothing.
        await using (var host = await StartAsync("primary.db"))
        {
            using var admin = Admin(host, pair);
            var report = await SyncClient.RunAsync(admin, pair.PairId);
            Assert.AreEqual(SyncOutcome.Succeeded, report.Outcome, report.Error);
            Assert.IsTrue(report.HeldDeletes is null or { Count: 0 });
            Assert.AreEqual((40, 5), await BcpCountsAsync(host, pair));
            Assert.AreEqual("pass", ReadinessClient.Status(await ReadinessClient.GetAsync(admin, pair.PairId), "last-sync"));
        }
    }

    [TestMethod]
    public async Task Sync_ThirtyOfFortyUsersDeleted_HoldsThoseDeletesUntilAnAdminReleasesThem()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync("primary.db");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SyncDeletesHeld);
        var (users, skills) = await SeedAsync(host, pair, users: 40, skills: 5);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        var primary = TenantData.PrimaryOf(host, pair);
        var doomed = users.Take(30).ToList();
        foreach (var id in doomed)
        {
            await primary.DeleteAsync(EntityTypes.Users, id);
        }

        await primary.UpdateAsync(EntityTypes.Skills, skills[0], skill => skill["name"] = "Billing and refunds");
        var added = await primary.AddAsync(EntityTypes.Users, new { username = "new.agent@classics.example" });

        var held = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(SyncOutcome.Succeeded, held.Outcome, held.Error);
        Assert.AreEqual(new TypeCounts(1, 0, 0, 10, 0), held.Counts[EntityTypes.Users], "the create applied, the deletes held");
        Assert.AreEqual(1, held.Counts[EntityTypes.Skills].Updated);
        var users0 = held.HeldDeletes!.Single();
        Assert.AreEqual((EntityTypes.Users, HeldDeletes.DeletesHeld, 30, 40), (users0.Type, users0.Reason, users0.Count, users0.Copies));
        CollectionAssert.AreEquivalent(doomed, users0.PrimaryIds.ToList());
        CollectionAssert.AreEquivalent(doomed, held.Warnings.Where(w => w.Code == HeldDeletes.DeletesHeld).Select(w => w.PrimaryId).ToList());
        Assert.AreEqual(41, await TenantData.BcpOf(host, pair).CountAsync(EntityTypes.Users));
        Assert.IsNotNull(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Users, added));
        var heldEvent = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.SyncDeletesHeld && RunIdOf(webhook) == held.RunId, Soon);
        Assert.AreEqual(("users:30", "users:deletes-held"),
            (Details(heldEvent).GetProperty("heldDeletes").GetString(), Details(heldEvent).GetProperty("heldReasons").GetString()));
        var readiness = await ReadinessClient.GetAsync(admin, pair.PairId);
        Assert.AreEqual("warn", ReadinessClient.Status(readiness, "last-sync"), readiness.ToJsonString());

        // A run that is not released holds them again: nothing is deleted past the guard without the release.
        var again = await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual(30, again.HeldDeletes!.Single().Count);
        Assert.AreEqual(41, await TenantData.BcpOf(host, pair).CountAsync(EntityTypes.Users));

        // Without bcp.sync.edit: 403, nothing released.
        using (var viewer = host.ClientFor(pair.PrimaryTenantId, "viewer-1", Permissions.ActivationEdit))
        {
            var refused = await viewer.PostAsync(ReleaseRoute(pair, again.RunId), null);
            Assert.AreEqual(HttpStatusCode.Forbidden, refused.StatusCode, await refused.Content.ReadAsStringAsync());
        }

        Assert.AreEqual(41, await TenantData.BcpOf(host, pair).CountAsync(EntityTypes.Users));
        Assert.IsNull((await SyncClient.GetRunAsync(admin, pair.PairId, again.RunId)).Release);
        var nothingHeld = await admin.PostAsync(ReleaseRoute(pair, (await SyncClient.GetRunsAsync(admin, pair.PairId)).Last().RunId), null);
        Assert.AreEqual("/problems/no-held-deletes", (await BcpClient.ReadProblemAsync(nothingHeld, HttpStatusCode.Conflict)).GetProperty("type").GetString());
        var unknown = await admin.PostAsync(ReleaseRoute(pair, "no-such-run"), null);
        await BcpClient.ReadProblemAsync(unknown, HttpStatusCode.NotFound);

        // Released by an admin: exactly those deletes are applied, by a run of their own; the act is audited.
        var response = await admin.PostAsync(ReleaseRoute(pair, again.RunId), null);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        var released = (await response.Content.ReadFromJsonAsync<JsonElement>(BcpClient.Json));
        var applyRunId = released.GetProperty("applyRunId").GetString()!;
        Assert.AreEqual(30, released.GetProperty("released")[0].GetProperty("count").GetInt32());
        var applied = await SyncClient.WaitAsync(admin, pair.PairId, applyRunId);

        Assert.AreEqual(SyncOutcome.Succeeded, applied.Outcome, applied.Error);
        Assert.AreEqual(30, applied.Counts[EntityTypes.Users].Deleted);
        Assert.IsTrue(applied.HeldDeletes is null or { Count: 0 });
        Assert.AreEqual(11, await TenantData.BcpOf(host, pair).CountAsync(EntityTypes.Users));
        var release = (await SyncClient.GetRunAsync(admin, pair.PairId, again.RunId)).Release!;
        Assert.AreEqual(("admin-1", applyRunId), (release.UserId, release.ApplyRunId));
        var audit = await admin.GetFromJsonAsync<JsonElement>($"/tenant-pairs/{pair.PairId}/audit?limit=20");
        var entry = audit.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "sync-deletes-release");
        Assert.AreEqual(("admin-1", 30), (entry.GetProperty("actorUserId").GetString(), entry.GetProperty("details").GetProperty("deletes").GetInt32()));
        Assert.AreEqual("pass", ReadinessClient.Status(await ReadinessClient.GetAsync(admin, pair.PairId), "last-sync"));

        var twice = await admin.PostAsync(ReleaseRoute(pair, again.RunId), null);
        var problem = await BcpClient.ReadProblemAsync(twice, HttpStatusCode.Conflict);
        Assert.AreEqual(("/problems/deletes-already-released", applyRunId), (problem.GetProperty("type").GetString(), problem.GetProperty("runId").GetString()));
    }

    [TestMethod]
    public async Task Release_EntityBackOnThePrimaryMeanwhile_IsNotDeleted()
    {
        await using var host = await StartAsync("primary.db");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        var (users, _) = await SeedAsync(host, pair, users: 40, skills: 1);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        var primary = TenantData.PrimaryOf(host, pair);
        var kept = new Dictionary<string, System.Text.Json.Nodes.JsonObject>();
        foreach (var id in users.Take(25))
        {
            kept[id] = (await primary.GetAsync(EntityTypes.Users, id))!;
            await primary.DeleteAsync(EntityTypes.Users, id);
        }

        var held = await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual(25, held.HeldDeletes!.Single().Count);
        // One comes back before the release: the release re-checks and leaves its copy.
        await primary.AddAsync(EntityTypes.Users, kept[users[0]], users[0]);

        var response = await admin.PostAsync(ReleaseRoute(pair, held.RunId), null);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        var applied = await SyncClient.WaitAsync(admin, pair.PairId, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("applyRunId").GetString()!);

        Assert.AreEqual(24, applied.Counts[EntityTypes.Users].Deleted);
        Assert.IsNotNull(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Users, users[0]));
        Assert.AreEqual(16, await TenantData.BcpOf(host, pair).CountAsync(EntityTypes.Users));
    }

    [TestMethod]
    public async Task Sync_FiveOfFortyUsersDeleted_DeletesThemAsBefore()
    {
        await using var host = await StartAsync("primary.db");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        var (users, _) = await SeedAsync(host, pair, users: 40, skills: 1);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        foreach (var id in users.Take(5))
        {
            await TenantData.PrimaryOf(host, pair).DeleteAsync(EntityTypes.Users, id);
        }

        var report = await SyncClient.RunAsync(admin, pair.PairId);

        // 5 is more than 10 % of 40, but not more than 20 entities: both must be exceeded to hold.
        Assert.AreEqual(5, report.Counts[EntityTypes.Users].Deleted);
        Assert.IsTrue(report.HeldDeletes is null or { Count: 0 });
        Assert.AreEqual(35, await TenantData.BcpOf(host, pair).CountAsync(EntityTypes.Users));
    }

    private Task<ApiHost> StartAsync(string primaryFile) =>
        ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development", settings: new Dictionary<string, string?>
        {
            ["Readiness:MaxAge"] = "00:00:00",
            ["Storage:Stores:us-east:Provider"] = "sqlite",
            ["Storage:Stores:us-east:Path"] = _folder.File(primaryFile),
        });

    private static HttpClient Admin(ApiHost host, TestPair pair) =>
        host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);

    private static string ReleaseRoute(TestPair pair, string runId) => $"/tenant-pairs/{pair.PairId}/sync/runs/{runId}/release-deletes";

    private static async Task<(List<string> Users, List<string> Skills)> SeedAsync(ApiHost host, TestPair pair, int users, int skills)
    {
        var primary = TenantData.PrimaryOf(host, pair);
        var skillIds = new List<string>();
        for (var i = 0; i < skills; i++)
        {
            skillIds.Add(await primary.AddAsync(EntityTypes.Skills, new { name = $"Skill {i}" }));
        }

        var userIds = new List<string>();
        for (var i = 0; i < users; i++)
        {
            userIds.Add(await primary.AddAsync(EntityTypes.Users, new { username = $"agent{i}@classics.example", firstName = "Agent", lastName = $"{i}" }));
        }

        return (userIds, skillIds);
    }

    private static async Task<(int Users, int Skills)> BcpCountsAsync(ApiHost host, TestPair pair)
    {
        var bcp = TenantData.BcpOf(host, pair);
        return (await bcp.CountAsync(EntityTypes.Users), await bcp.CountAsync(EntityTypes.Skills));
    }

    private static JsonElement Details(ReceivedWebhook webhook) => webhook.Json.GetProperty("data").GetProperty("details");

    private static string? RunIdOf(ReceivedWebhook webhook) => Details(webhook).GetProperty("runId").GetString();

    private static string Sorted(string list) => string.Join(",", list.Split(',').Order(StringComparer.Ordinal));
}
