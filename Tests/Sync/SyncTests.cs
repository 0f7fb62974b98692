using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>Sync primary → BCP through HTTP (docs/sync.md), run once per storage provider.</summary>
public abstract class SyncTests
{
    protected abstract Task<StoreSetup> CreateStoreAsync();

    protected abstract Task DeleteStoreAsync();

    [TestCleanup]
    public Task CleanupAsync() => DeleteStoreAsync();

    [TestMethod]
    public async Task Sync_IchabodCrane_GetsTheBcpIdOfHisRole()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        var primary = TenantData.PrimaryOf(host, pair);
        var roleId = await primary.AddAsync(EntityTypes.Roles, new { name = "Administrator - Sleepy Hollow", permissions = new[] { "admin" } });
        var userId = await primary.AddAsync(EntityTypes.Users, new { username = "ichabod.crane@sleepyhollow.example", firstName = "Ichabod", lastName = "Crane", roleId });
        await SyncClient.ConfigureAsync(admin, pair.PairId);

        var report = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(SyncOutcome.Succeeded, report.Outcome, report.Error);
        var bcpUserId = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Users, userId);
        var bcpRoleId = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Roles, roleId);
        Assert.IsNotNull(bcpUserId);
        Assert.IsNotNull(bcpRoleId);
        Assert.AreNotEqual(userId, bcpUserId);
        Assert.AreNotEqual(roleId, bcpRoleId);
        var bcpUser = (await TenantData.BcpOf(host, pair).GetAsync(EntityTypes.Users, bcpUserId))!;
        Assert.AreEqual(bcpRoleId, bcpUser["roleId"]!.GetValue<string>());
        Assert.AreEqual("Ichabod", bcpUser["firstName"]!.GetValue<string>());
        var bcpRole = (await TenantData.BcpOf(host, pair).GetAsync(EntityTypes.Roles, bcpRoleId))!;
        Assert.AreEqual("Administrator - Sleepy Hollow", bcpRole["name"]!.GetValue<string>());
        Assert.AreEqual(new TypeCounts(1, 0, 0, 0, 0), report.Counts[EntityTypes.Users]);

        // The reverse lookup finds the primary id from the BCP id.
        var reverse = await admin.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{pair.PairId}/correlations/users/{bcpUserId}?direction=reverse");
        Assert.AreEqual(userId, reverse!["primaryId"]!.GetValue<string>());

        // The pair status carries the sync summary (docs/api.md).
        var status = await admin.GetFromJsonAsync<JsonObject>($"/tenant-pairs/{pair.PairId}");
        Assert.IsTrue(status!["sync"]!["settings"]!["enabled"]!.GetValue<bool>());
        Assert.AreEqual(report.RunId, status["sync"]!["lastRun"]!["runId"]!.GetValue<string>());
        Assert.AreEqual("succeeded", status["sync"]!["lastRun"]!["outcome"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task Sync_CustomWithoutRoles_LeavesOutUsersWithRolesAndReportsThem()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        var primary = TenantData.PrimaryOf(host, pair);
        var roleId = await primary.AddAsync(EntityTypes.Roles, new { name = "Supervisor" });
        var withRole = await primary.AddAsync(EntityTypes.Users, new { username = "a@x.example", roleId });
        var withoutRole = await primary.AddAsync(EntityTypes.Users, new { username = "b@x.example" });
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Users]);

        var report = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(SyncOutcome.Succeeded, report.Outcome, report.Error);
        Assert.IsFalse(report.Counts.ContainsKey(EntityTypes.Roles));
        Assert.AreEqual(new TypeCounts(1, 0, 0, 0, 1), report.Counts[EntityTypes.Users]);
        var warning = report.Warnings.Single();
        Assert.AreEqual((EntityTypes.Users, withRole, "reference-unresolved", "roleId", roleId), (warning.Type, warning.PrimaryId, warning.Code, warning.Field, warning.MissingId));
        Assert.IsNull(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Users, withRole));
        Assert.IsNotNull(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Users, withoutRole));
        Assert.AreEqual(1, (await TenantData.BcpOf(host, pair).AllAsync(EntityTypes.Users)).Count);
        Assert.AreEqual(0, (await TenantData.BcpOf(host, pair).AllAsync(EntityTypes.Roles)).Count);
    }

    [TestMethod]
    public async Task Sync_PrimaryChanges_FollowAtTheNextRun()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        var primary = TenantData.PrimaryOf(host, pair);
        var bcp = TenantData.BcpOf(host, pair);
        var skill = await primary.AddAsync(EntityTypes.Skills, new { name = "Billing" });
        var doomed = await primary.AddAsync(EntityTypes.Dispositions, new { name = "Callback" });
        // Another disposition stays: a primary that shows none of a type proves no delete (DeleteProofTests).
        await primary.AddAsync(EntityTypes.Dispositions, new { name = "Resolved" });
        var voice = await primary.AddAsync(EntityTypes.PointsOfContact, new { name = "Main line", channel = "voice", address = "+15551230000", skillId = skill, active = true });
        var email = await primary.AddAsync(EntityTypes.PointsOfContact, new { name = "Support mail", channel = "email", address = "support@x.example", active = true });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        var first = await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual(new TypeCounts(1, 0, 0, 0, 1), first.Counts[EntityTypes.PointsOfContact], "one voice created, one email skipped");
        Assert.IsNull(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, email));

        await primary.UpdateAsync(EntityTypes.Skills, skill, data => data["name"] = "Billing and refunds");
        await primary.DeleteAsync(EntityTypes.Dispositions, doomed);
        await primary.UpdateAsync(EntityTypes.PointsOfContact, voice, data => data["active"] = false);
        var bcpDisposition = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Dispositions, doomed);
        var second = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(SyncOutcome.Succeeded, second.Outcome, second.Error);
        Assert.AreEqual(new TypeCounts(0, 1, 0, 0, 0), second.Counts[EntityTypes.Skills]);
        Assert.AreEqual(new TypeCounts(0, 0, 1, 1, 0), second.Counts[EntityTypes.Dispositions]);
        Assert.AreEqual(new TypeCounts(0, 1, 0, 0, 1), second.Counts[EntityTypes.PointsOfContact]);
        var bcpSkill = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Skills, skill);
        Assert.AreEqual("Billing and refunds", (await bcp.GetAsync(EntityTypes.Skills, bcpSkill!))!["name"]!.GetValue<string>());
        Assert.IsNull(await bcp.GetAsync(EntityTypes.Dispositions, bcpDisposition!));
        Assert.IsNull(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Dispositions, doomed));
        var bcpVoice = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, voice);
        var bcpVoiceData = (await bcp.GetAsync(EntityTypes.PointsOfContact, bcpVoice!))!;
        Assert.IsFalse(bcpVoiceData["active"]!.GetValue<bool>());
        Assert.AreEqual(bcpSkill, bcpVoiceData["skillId"]!.GetValue<string>());
        var bcpContacts = await bcp.AllAsync(EntityTypes.PointsOfContact);
        Assert.AreEqual(1, bcpContacts.Count, "the email point of contact never reaches the BCP tenant");

        // Deleted in the primary: the voice point of contact is deactivated, never deleted, in the BCP tenant.
        await primary.UpdateAsync(EntityTypes.PointsOfContact, voice, data => data["active"] = true);
        await SyncClient.RunAsync(admin, pair.PairId);
        Assert.IsTrue((await bcp.GetAsync(EntityTypes.PointsOfContact, bcpVoice!))!["active"]!.GetValue<bool>());
        await primary.DeleteAsync(EntityTypes.PointsOfContact, voice);
        var third = await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual(1, third.Counts[EntityTypes.PointsOfContact].Deleted);
        Assert.IsFalse((await bcp.GetAsync(EntityTypes.PointsOfContact, bcpVoice!))!["active"]!.GetValue<bool>());
    }

    [TestMethod]
    public async Task Sync_BcpOnlyEntitySurvives_BcpEditOfSyncedEntityIsOverwritten()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        var primary = TenantData.PrimaryOf(host, pair);
        var bcp = TenantData.BcpOf(host, pair);
        var team = await primary.AddAsync(EntityTypes.Teams, new { name = "Night shift" });
        // Another team stays: a primary that shows none of a type proves no delete (DeleteProofTests).
        var dayShift = await primary.AddAsync(EntityTypes.Teams, new { name = "Day shift" });
        var local = await bcp.AddAsync(EntityTypes.Teams, new { name = "BCP war room" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        var bcpTeam = (await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Teams, team))!;

        await bcp.UpdateAsync(EntityTypes.Teams, bcpTeam, data => data["name"] = "Edited in BCP");
        var report = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(new TypeCounts(0, 1, 0, 1, 0), report.Counts[EntityTypes.Teams]);
        Assert.AreEqual("Night shift", (await bcp.GetAsync(EntityTypes.Teams, bcpTeam))!["name"]!.GetValue<string>());
        Assert.AreEqual("BCP war room", (await bcp.GetAsync(EntityTypes.Teams, local))!["name"]!.GetValue<string>());
        await primary.DeleteAsync(EntityTypes.Teams, team);
        await SyncClient.RunAsync(admin, pair.PairId);
        CollectionAssert.AreEquivalent(
            new[] { local, await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Teams, dayShift) }, (await bcp.AllAsync(EntityTypes.Teams)).Keys.ToArray());
    }

    [TestMethod]
    public async Task Sync_RunNowWhileRunning_Answers409WithTheRunningRunsId()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync(), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        tap.HoldWrites(key => key.StartsWith($"config/{pair.BcpTenantId}/", StringComparison.Ordinal));

        var runId = await SyncClient.StartAsync(admin, pair.PairId);
        var second = await admin.PostAsync($"/tenant-pairs/{pair.PairId}/sync/runs", null);

        var problem = await BcpClient.ReadProblemAsync(second, HttpStatusCode.Conflict);
        Assert.AreEqual("/problems/sync-running", problem.GetProperty("type").GetString());
        Assert.AreEqual(runId, problem.GetProperty("runId").GetString());
        tap.ReleaseWrites();
        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.WaitAsync(admin, pair.PairId, runId)).Outcome);
        Assert.AreNotEqual(runId, await SyncClient.StartAsync(admin, pair.PairId), "a new run starts once the first has ended");
    }

    [TestMethod]
    public async Task Sync_WhileARunIsHeld_StatusHistoryAuditAndLoginAreAnswered()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync(), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        var primary = TenantData.PrimaryOf(host, pair);
        await primary.AddAsync(EntityTypes.Skills, new { name = "Billing" });
        using (var editor = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit))
        {
            (await editor.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/users", new { username = "agent-1@classics.example" })).EnsureSuccessStatusCode();
        }

        await SyncClient.ConfigureAsync(admin, pair.PairId);
        tap.HoldWrites(key => key.StartsWith($"config/{pair.BcpTenantId}/", StringComparison.Ordinal));

        // The run waits on its held writes outside the sync grain's turn: the pair's reads must not wait with it.
        var runId = await SyncClient.StartAsync(admin, pair.PairId);
        using var reader = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        reader.DefaultRequestHeaders.Authorization = admin.DefaultRequestHeaders.Authorization;
        using var login = host.ClientFor("login", "login-service", Permissions.LoginRead);
        login.Timeout = TimeSpan.FromSeconds(10);
        Assert.AreEqual(HttpStatusCode.OK, (await reader.GetAsync($"/tenant-pairs/{pair.PairId}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await reader.GetAsync($"/tenant-pairs/{pair.PairId}/audit")).StatusCode);
        var options = await login.GetAsync("/login/options?username=agent-1%40classics.example");
        Assert.AreEqual(HttpStatusCode.OK, options.StatusCode, await options.Content.ReadAsStringAsync());
        var run = await SyncClient.GetRunAsync(reader, pair.PairId, runId);
        Assert.AreEqual(SyncOutcome.Running, run.Outcome, "the run is still held");

        tap.ReleaseWrites();
        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.WaitAsync(admin, pair.PairId, runId)).Outcome);
    }

    [TestMethod]
    public async Task Sync_WhileBcpIsActive_IsSkippedAndWritesNothing()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync(), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        await TenantData.PrimaryOf(host, pair).AddAsync(EntityTypes.Skills, new { name = "Billing" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        var before = tap.Written.Count;

        var report = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(SyncOutcome.Skipped, report.Outcome);
        var written = tap.Written.Skip(before).ToList();
        Assert.AreEqual(0, written.Count(key => key.StartsWith("config/", StringComparison.Ordinal)), string.Join(", ", written));
        Assert.AreEqual(0, written.Count(key => key.StartsWith("grains/correlations/", StringComparison.Ordinal)), string.Join(", ", written));
        Assert.AreEqual(0, (await TenantData.BcpOf(host, pair).AllAsync(EntityTypes.Skills)).Count);
        var runs = await SyncClient.GetRunsAsync(admin, pair.PairId);
        Assert.AreEqual(SyncOutcome.Skipped, runs[0].Outcome, "the skipped run is in the history");
    }

    [TestMethod]
    public async Task Sync_RerunWithoutPrimaryChanges_WritesNothingToTheBcpTenant()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync(), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        await SyncFixture.SeedAsync(TenantData.PrimaryOf(host, pair));
        await SyncClient.ConfigureAsync(admin, pair.PairId, rewriteScriptIds: true);
        var first = await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual(SyncOutcome.Succeeded, first.Outcome, first.Error);
        var before = tap.Written.Count;

        var again = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(SyncOutcome.Succeeded, again.Outcome, again.Error);
        var written = tap.Written.Skip(before).ToList();
        Assert.AreEqual(0, written.Count(key => key.StartsWith($"config/{pair.BcpTenantId}/", StringComparison.Ordinal)), string.Join(", ", written));
        Assert.IsTrue(again.Counts.Values.All(counts => counts.Created + counts.Updated + counts.Deleted == 0));
    }

    [TestMethod]
    public async Task Sync_RunsAlternatingBetweenTwoSilos_MakeNoDuplicates()
    {
        var store = await CreateStoreAsync();
        await using var first = await ApiHost.StartAsync(store);
        await using var second = await ApiHost.StartAsync(store);
        var pair = await BcpClient.CreatePairAsync(first);
        using var onFirst = AdminOf(first, pair);
        using var onSecond = AdminOf(second, pair);
        var primary = TenantData.PrimaryOf(first, pair);
        await primary.AddAsync(EntityTypes.Skills, new { name = "Billing" });
        await SyncClient.ConfigureAsync(onFirst, pair.PairId);

        // Each silo keeps activations of the correlation grains between its runs.
        await SyncClient.RunAsync(onSecond, pair.PairId);
        await SyncFixture.SeedAsync(primary);
        await SyncClient.RunAsync(onFirst, pair.PairId);
        await primary.AddAsync(EntityTypes.Skills, new { name = "Refunds" });
        var last = await SyncClient.RunAsync(onSecond, pair.PairId);

        Assert.AreEqual(new TypeCounts(1, 0, 0, 5, 0), last.Counts[EntityTypes.Skills], "the second silo saw the first silo's correlations");
        await SyncMirror.AssertMirrorsAsync(second, pair);

        // The singleton keeps its fixed id, so the BCP tenant's own settings route finds the copy.
        using var bcpUser = second.ClientFor(pair.BcpTenantId, "bcp-admin");
        var settings = await bcpUser.GetFromJsonAsync<JsonObject>($"/tenants/{pair.BcpTenantId}/business-unit-settings");
        Assert.AreEqual("Classics Inc.", settings!["name"]!.GetValue<string>());
    }

    [TestMethod]
    public async Task SyncSettings_BadInputAndAccess_AreProblemsAndChangeNothing()
    {
        await using var host = await ApiHost.StartAsync(await CreateStoreAsync());
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair);
        using var member = host.ClientFor(pair.PrimaryTenantId, "agent-1");
        using var stranger = host.ClientFor("other-tenant", "admin-9", Permissions.SyncEdit);
        var route = $"/tenant-pairs/{pair.PairId}/sync";

        await BcpClient.ReadProblemAsync(await admin.PutAsJsonAsync(route, new { enabled = true, mode = "custom", entityTypes = new[] { "robots" } }), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await admin.PutAsJsonAsync(route, new { enabled = true, mode = "custom" }), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await admin.PutAsJsonAsync(route, new { mode = "default" }), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await admin.PutAsJsonAsync(route, new { enabled = true, mode = "sometimes" }), HttpStatusCode.BadRequest);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await member.PutAsJsonAsync(route, new { enabled = true })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await member.PostAsync(route + "/runs", null)).StatusCode);
        await BcpClient.ReadProblemAsync(await stranger.PutAsJsonAsync(route, new { enabled = true }), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await stranger.PostAsync(route + "/runs", null), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await member.GetAsync($"/tenant-pairs/{pair.PairId}/correlations/robots/x"), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await member.GetAsync($"/tenant-pairs/{pair.PairId}/correlations/users/x?direction=sideways"), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await member.GetAsync($"/tenant-pairs/{pair.PairId}/sync/runs/nope"), HttpStatusCode.NotFound);

        var settings = await SyncClient.GetSettingsAsync(member, pair.PairId);
        Assert.IsFalse(settings!.Enabled, "nothing was written by the refused requests");
        Assert.AreEqual(0, (await SyncClient.GetRunsAsync(member, pair.PairId)).Count);
    }

    private static HttpClient AdminOf(ApiHost host, TestPair pair) => host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
}
