using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;
using static Orleans.Bcp.Tests.Readiness.ReadinessClient;

namespace Orleans.Bcp.Tests.Readiness;

/// <summary>The readiness report (docs/readiness.md): each check's pass and its failure, through HTTP.</summary>
[TestClass]
public sealed class ReadinessTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Readiness_FreshPair_IsNotReady_NeverSyncedAndNobodyWithAccess()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        var tenant = await ReadinessTenant.SeedAsync(host, pair, agentBcpType: "none");
        using var reader = host.ClientFor(pair.BcpTenantId, "reader-1");

        var report = await GetAsync(reader, pair.PairId);

        Assert.AreEqual("not-ready", Verdict(report), report.ToJsonString());
        CollectionAssert.AreEqual(
            new[] { "last-sync", "drift", "voice-points-of-contact", "references", "scripts", "bcp-access", "stores" },
            report["checks"]!.AsArray().Select(check => check!["id"]!.GetValue<string>()).ToArray());
        Assert.AreEqual("fail", Status(report, "last-sync"));
        Assert.AreEqual("fail", Status(report, "bcp-access"));
        StringAssert.Contains(Check(report, "bcp-access")["summary"]!.GetValue<string>(), "Nobody can log in to the BCP tenant");
        var contact = Items(report, "voice-points-of-contact").Single();
        Assert.AreEqual((tenant.ContactId, "Main line", "never synced"), (contact["primaryId"]!.GetValue<string>(), contact["name"]!.GetValue<string>(), contact["detail"]!.GetValue<string>()));
        Assert.AreEqual("pass", Status(report, "stores"));
    }

    [TestMethod]
    public async Task Readiness_SyncedPair_IsReady_ThenPrimaryChangesAreCountedAsDriftPerType()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        var tenant = await ReadinessTenant.SeedAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);

        var report = await GetAsync(admin, pair.PairId);
        Assert.AreEqual("ready", Verdict(report), report.ToJsonString());

        var primary = TenantData.PrimaryOf(host, pair);
        // Another disposition stays: a primary that shows none of a type proves no delete, and the run would hold it.
        await primary.AddAsync(EntityTypes.Dispositions, new { name = "Callback" });
        var disposition = await AddSyncedDispositionAsync(host, pair, admin);
        await primary.UpdateAsync(EntityTypes.Users, tenant.AgentId, user => user["username"] = "agent.renamed@classics.example");
        await primary.AddAsync(EntityTypes.Skills, new { name = "Claims" });
        await primary.AddAsync(EntityTypes.Skills, new { name = "Sales" });
        await primary.DeleteAsync(EntityTypes.Dispositions, disposition);

        report = await GetAsync(admin, pair.PairId);
        Assert.AreEqual("degraded", Verdict(report), report.ToJsonString());
        Assert.AreEqual("warn", Status(report, "drift"));
        var counts = Check(report, "drift")["counts"]!.AsObject();
        Assert.AreEqual((0, 1, 0), Counts(counts, EntityTypes.Users));
        Assert.AreEqual((2, 0, 0), Counts(counts, EntityTypes.Skills));
        Assert.AreEqual((0, 0, 1), Counts(counts, EntityTypes.Dispositions));
        Assert.AreEqual(3, counts.Count, counts.ToJsonString());
        var changed = Items(report, "drift").Single(item => item["type"]!.GetValue<string>() == EntityTypes.Users);
        Assert.AreEqual(tenant.AgentId, changed["primaryId"]!.GetValue<string>());
        Assert.IsNotNull(changed["bcpId"]?.GetValue<string>(), "a changed entity names its BCP copy");

        // The next run changes the correlations this silo keeps: the report after it sees them, not the kept ones.
        await SyncClient.RunAsync(admin, pair.PairId);
        report = await GetAsync(admin, pair.PairId);
        Assert.AreEqual("pass", Status(report, "drift"), report.ToJsonString());
    }

    [TestMethod]
    public async Task Readiness_VoiceContactExcludedByCustomSync_FailsListingIt()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        var tenant = await ReadinessTenant.SeedAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Skills, EntityTypes.Users, EntityTypes.AgentSettings]);
        await SyncClient.RunAsync(admin, pair.PairId);

        var report = await GetAsync(admin, pair.PairId);

        Assert.AreEqual("not-ready", Verdict(report));
        Assert.AreEqual("fail", Status(report, "voice-points-of-contact"));
        var item = Items(report, "voice-points-of-contact").Single();
        Assert.AreEqual((tenant.ContactId, "excluded by the custom sync"), (item["primaryId"]!.GetValue<string>(), item["detail"]!.GetValue<string>()));
        Assert.AreEqual("pass", Status(report, "last-sync"));
    }

    [TestMethod]
    public async Task Readiness_UnresolvedReference_WarnsWithTheField_AndTheContactLeftOutFails()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        var tenant = await ReadinessTenant.SeedAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        // Skills are left out, so the point of contact's skillId cannot be remapped.
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom",
            entityTypes: [EntityTypes.HoursOfOperation, EntityTypes.Scripts, EntityTypes.Users, EntityTypes.PointsOfContact]);
        await SyncClient.RunAsync(admin, pair.PairId);

        var report = await GetAsync(admin, pair.PairId);

        Assert.AreEqual("warn", Status(report, "references"), report.ToJsonString());
        var reference = Items(report, "references").Single();
        Assert.AreEqual((EntityTypes.PointsOfContact, tenant.ContactId, "skillId"),
            (reference["type"]!.GetValue<string>(), reference["primaryId"]!.GetValue<string>(), reference["field"]!.GetValue<string>()));
        Assert.AreEqual("fail", Status(report, "voice-points-of-contact"));
        var contact = Items(report, "voice-points-of-contact").Single();
        Assert.AreEqual(("skillId", "Main line"), (contact["field"]!.GetValue<string>(), contact["name"]!.GetValue<string>()));
        Assert.AreEqual("not-ready", Verdict(report));
    }

    [TestMethod]
    public async Task Readiness_ScriptQuotingPrimaryIds_Warns_UntilRewritten()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        var primary = TenantData.PrimaryOf(host, pair);
        var quoted = await primary.AddAsync(EntityTypes.Skills, new { name = "Escalations" });
        var tenant = await ReadinessTenant.SeedAsync(host, pair, scriptContent: $"ROUTE skill={quoted}");
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);

        var report = await GetAsync(admin, pair.PairId);
        Assert.AreEqual("warn", Status(report, "scripts"), report.ToJsonString());
        var item = Items(report, "scripts").Single();
        Assert.AreEqual((tenant.ScriptId, "Greeting", "content"), (item["primaryId"]!.GetValue<string>(), item["name"]!.GetValue<string>(), item["field"]!.GetValue<string>()));
        StringAssert.Contains(item["detail"]!.GetValue<string>(), quoted);

        await SyncClient.ConfigureAsync(admin, pair.PairId, rewriteScriptIds: true);
        await SyncClient.RunAsync(admin, pair.PairId);
        report = await GetAsync(admin, pair.PairId);
        Assert.AreEqual("pass", Status(report, "scripts"), report.ToJsonString());
        Assert.AreEqual("ready", Verdict(report));
    }

    [TestMethod]
    public async Task Readiness_AgentOfASyncedContactWithoutAccess_Warns_AndNobodyWithAccessFails()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        var tenant = await ReadinessTenant.SeedAsync(host, pair, agentBcpType: "none");
        var primary = TenantData.PrimaryOf(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual("fail", Status(await GetAsync(admin, pair.PairId), "bcp-access"));

        await primary.AddAsync(EntityTypes.Users, new { username = "supervisor@classics.example", bcpType = "multiple" });
        var report = await GetAsync(admin, pair.PairId);

        Assert.AreEqual("warn", Status(report, "bcp-access"), report.ToJsonString());
        var agent = Items(report, "bcp-access").Single();
        Assert.AreEqual((tenant.AgentId, "agent@classics.example", "bcpType"),
            (agent["primaryId"]!.GetValue<string>(), agent["name"]!.GetValue<string>(), agent["field"]!.GetValue<string>()));
    }

    [TestMethod]
    public async Task Readiness_LastSuccessAges_WarnAfter26Hours_FailAfter72()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), time, FreshReports);
        var pair = await BcpClient.CreatePairAsync(host);
        await ReadinessTenant.SeedAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        // No daily run may refresh the last success while the clock jumps (the pair's reminder runs on this clock).
        await SyncClient.ConfigureAsync(admin, pair.PairId, enabled: false);
        Assert.AreEqual("pass", Status(await GetAsync(admin, pair.PairId), "last-sync"));

        time.Advance(TimeSpan.FromHours(27));
        var report = await GetAsync(admin, pair.PairId);
        Assert.AreEqual(("warn", "degraded"), (Status(report, "last-sync"), Verdict(report)), report.ToJsonString());

        time.Advance(TimeSpan.FromHours(46));
        report = await GetAsync(admin, pair.PairId);
        Assert.AreEqual(("fail", "not-ready"), (Status(report, "last-sync"), Verdict(report)), report.ToJsonString());
    }

    [TestMethod]
    // Alone: the report must come within 4 s of asking, which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Readiness_BcpStoreDown_StoresFails_AnsweredQuickly()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: FreshReports, services: OutageStoreProvider.Install());
        var report = await ReportWithRegionDownAsync(host, "eu-west", pair => pair.PrimaryTenantId);

        Assert.AreEqual(("fail", "not-ready"), (Status(report, "stores"), Verdict(report)), report.ToJsonString());
        StringAssert.Contains(Check(report, "stores")["summary"]!.GetValue<string>(), "eu-west");
        Assert.AreEqual("warn", Status(report, "scripts"), "the BCP copies could not be read, and it says so");
    }

    [TestMethod]
    // Alone: the report must come within 4 s of asking, which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Readiness_PrimaryRegionDown_StillAnswersQuickly_SayingWhatCouldNotBeRead()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: FreshReports, services: OutageStoreProvider.Install());
        var report = await ReportWithRegionDownAsync(host, "us-east", pair => pair.BcpTenantId);

        Assert.AreEqual("pass", Status(report, "stores"), "a primary that is down is what the switch is for");
        Assert.AreEqual("pass", Status(report, "last-sync"));
        Assert.AreEqual("warn", Status(report, "drift"));
        StringAssert.Contains(Check(report, "drift")["summary"]!.GetValue<string>(), "The primary tenant's store (us-east)");
        Assert.AreEqual("pass", Status(report, "scripts"), "checked from the BCP copies and the correlations");
        Assert.AreEqual("degraded", Verdict(report), report.ToJsonString());
    }

    [TestMethod]
    public async Task Readiness_UnknownPair_Is404_AndAnotherTenantsUser_Is404()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var stranger = host.ClientFor("someone-else", "user-1", Permissions.ActivationEdit);
        using var reader = host.ClientFor(pair.PrimaryTenantId, "user-1");

        await BcpClient.ReadProblemAsync(await reader.GetAsync("/tenant-pairs/no-such-pair/readiness"), HttpStatusCode.NotFound);
        // Another tenant's pair does not exist for the caller (404, not 403), so pair ids cannot be probed.
        await BcpClient.ReadProblemAsync(await stranger.GetAsync($"/tenant-pairs/{pair.PairId}/readiness"), HttpStatusCode.NotFound);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        Assert.AreEqual("not-ready", Verdict(await GetAsync(operatorClient, pair.PairId)));
    }

    private Task<ApiHost> StartAsync() => ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: FreshReports);

    private static async Task<string> AddSyncedDispositionAsync(ApiHost host, TestPair pair, HttpClient admin)
    {
        var id = await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Dispositions, new { name = "Resolved" });
        await SyncClient.RunAsync(admin, pair.PairId);
        return id;
    }

    private static (int, int, int) Counts(System.Text.Json.Nodes.JsonObject counts, string type) =>
        (counts[type]!["created"]!.GetValue<int>(), counts[type]!["changed"]!.GetValue<int>(), counts[type]!["deleted"]!.GetValue<int>());

    /// <summary>
    /// A seeded pair synced once, then <paramref name="region"/>'s store down: the report, asked by an admin of the
    /// tenant <paramref name="adminTenant"/> names, which must come within 4 s (about two read timeouts).
    /// </summary>
    private static async Task<JsonObject> ReportWithRegionDownAsync(ApiHost host, string region, Func<TestPair, string> adminTenant)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        await ReadinessTenant.SeedAsync(host, pair);
        using var admin = host.ClientFor(adminTenant(pair), "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);

        ((OutageStoreProvider)host.Services.GetRequiredService<IObjectStoreProvider>()).Down(region);
        // Listings kept under a change stamp read just before the outage are trusted for the stamp's MaxAge; after
        // that the report must go to the store, and find it down. Twice as long: a read that began before the outage
        // may end after it on a busy machine.
        await Task.Delay(ChangeStamps.MaxAge * 2);
        var watch = Stopwatch.StartNew();
        var report = await GetAsync(admin, pair.PairId);
        watch.Stop();

        Assert.IsTrue(watch.Elapsed < TimeSpan.FromSeconds(4), $"answered in {watch.Elapsed}");
        return report;
    }
}
