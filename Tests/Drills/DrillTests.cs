using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Readiness;
using Orleans.Bcp.Tests.Sync;
using Orleans.Bcp.Tests.Webhooks;

namespace Orleans.Bcp.Tests.Drills;

/// <summary>Drills through HTTP on the embedded profile (docs/drills.md): a switch rehearsed, nothing moved.</summary>
[TestClass]
public sealed class DrillTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);
    private static readonly string[] Usernames = ["agent@classics.example", "none@classics.example", "multiple@classics.example"];
    private static readonly string[] Numbers = ["+15551230000"];

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Drill_SyncedPair_PassesWithCounts_MovesNothing_IsKeptAuditedAndAnnounced()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var pair = await SyncedPairAsync(host);
        using var admin = Admin(host, pair);
        using var login = LoginClient.For(host);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.DrillCompleted);
        var before = await DrillClient.ObservableStateAsync(admin, login, pair.PairId, Usernames, Numbers);

        var drill = await DrillClient.RunAsync(admin, pair.PairId, "bcp", pair.Passkey);

        Assert.AreEqual("passed", drill["outcome"]!.GetValue<string>(), drill.ToJsonString());
        Assert.AreEqual(("bcp", "admin-1", pair.PrimaryTenantId), (drill["side"]!.GetValue<string>(), drill["actor"]!["userId"]!.GetValue<string>(), drill["actor"]!["tenantId"]!.GetValue<string>()));
        CollectionAssert.AreEqual(new[] { "passkey", "readiness", "logins", "routing", "nodes" }, drill["steps"]!.AsArray().Select(step => step!["id"]!.GetValue<string>()).ToArray());
        Assert.IsTrue(drill["steps"]!.AsArray().All(step => step!["status"]!.GetValue<string>() == "passed" && step["tookMs"]!.GetValue<long>() >= 0), drill.ToJsonString());
        Assert.AreEqual((1, 1, 1), (DrillClient.Count(drill, "logins", "direct"), DrillClient.Count(drill, "logins", "selector"), DrillClient.Count(drill, "logins", "denied")),
            "single → direct to the BCP tenant, multiple → selector, none → denied");
        var denied = DrillClient.Step(drill, "logins")["items"]!.AsArray().Single()!;
        Assert.AreEqual(("none@classics.example", "denied"), (denied["name"]!.GetValue<string>(), denied["outcome"]!.GetValue<string>()));
        Assert.AreEqual(1, DrillClient.Count(drill, "routing", "routed"));
        StringAssert.Contains(DrillClient.Step(drill, "routing")["items"]![0]!["detail"]!.GetValue<string>(), pair.BcpTenantId, "routed to the BCP tenant's copy");
        Assert.AreEqual((1, 0), (DrillClient.Count(drill, "nodes", "answered"), DrillClient.Count(drill, "nodes", "no-answer")));
        Assert.AreEqual(before, await DrillClient.ObservableStateAsync(admin, login, pair.PairId, Usernames, Numbers), "epoch, side, login options and routing as they were");

        var audit = (await BcpClient.GetAuditAsync(admin, pair.PairId)).First(entry => entry.Action == "drill");
        Assert.AreEqual(("passed", drill["drillId"]!.GetValue<string>()), (audit.Outcome, audit.Details["drillId"]!.GetValue<string>()));
        var received = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.DrillCompleted, Soon);
        var data = received.Json.GetProperty("data");
        Assert.AreEqual(("passed", "admin-1", drill["drillId"]!.GetValue<string>()),
            (data.GetProperty("outcome").GetString(), data.GetProperty("actor").GetProperty("userId").GetString(), data.GetProperty("details").GetProperty("drillId").GetString()));
        Assert.DoesNotContain(pair.Passkey, received.Body, "never the passkey");
        Assert.IsFalse((await BcpClient.GetAuditAsync(admin, pair.PairId)).Any(entry => entry.Details.Values.Any(value => value?.ToJsonString().Contains(pair.Passkey) == true)));
        Assert.IsFalse(host.Logs.Lines.Any(line => line.Contains(pair.Passkey, StringComparison.Ordinal)), "never the passkey in the logs");
    }

    [TestMethod]
    public async Task Drills_AreListedNewestFirst_AndReadById_UnknownIs404()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);

        var first = await DrillClient.RunAsync(admin, pair.PairId, "bcp", pair.Passkey);
        var second = await DrillClient.RunAsync(operatorClient, pair.PairId, "primary", passkey: null);

        Assert.IsFalse(second["steps"]!.AsArray().Any(step => step!["id"]!.GetValue<string>() == "passkey"), "an operator's drill without passkey has no passkey step");
        var list = await DrillClient.ListAsync(admin, pair.PairId);
        CollectionAssert.AreEqual(new[] { second["drillId"]!.GetValue<string>(), first["drillId"]!.GetValue<string>() }, list.Select(drill => drill!["drillId"]!.GetValue<string>()).ToArray());
        var byId = await admin.GetAsync($"/tenant-pairs/{pair.PairId}/drills/{first["drillId"]}");
        Assert.AreEqual(first.ToJsonString(), JsonNode.Parse(await byId.Content.ReadAsStringAsync())!.ToJsonString());
        var unknown = await BcpClient.ReadProblemAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/drills/0123456789abcdef"), HttpStatusCode.NotFound);
        Assert.AreEqual("/problems/not-found", unknown.GetProperty("type").GetString());
    }

    [TestMethod]
    public async Task Drill_TwoNodes_EveryActiveSiloAnswersThePing()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        await using var first = await ApiHost.StartAsync(store);
        await using var second = await ApiHost.StartAsync(store);
        var membership = first.Services.GetRequiredService<IClusterMembershipService>();
        await LoginClient.EventuallyAsync(
            () => Task.FromResult(membership.CurrentSnapshot.Members.Values.Count(member => member.Status == SiloStatus.Active) == 2), TimeSpan.FromSeconds(30), "both silos active");
        var pair = await BcpClient.CreatePairAsync(first);
        using var operatorClient = second.ClientFor("ops", "operator-1", Permissions.Setup);

        var drill = await DrillClient.RunAsync(operatorClient, pair.PairId, "bcp", passkey: null);

        var nodes = DrillClient.Step(drill, "nodes");
        Assert.AreEqual(("passed", 2, 0), (nodes["status"]!.GetValue<string>(), DrillClient.Count(drill, "nodes", "answered"), DrillClient.Count(drill, "nodes", "no-answer")), nodes.ToJsonString());
        using var admin = Admin(first, pair);
        Assert.AreEqual(drill["drillId"]!.GetValue<string>(), (await DrillClient.ListAsync(admin, pair.PairId))[0]!["drillId"]!.GetValue<string>(), "kept, read from the other node");
    }

    [TestMethod]
    public async Task Drill_WrongPasskey_FailsTheStep_AndCountsTowardTheLockout_ThenTheSwitchIsRefusedToo()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var drill = await DrillClient.RunAsync(admin, pair.PairId, "bcp", "wrong-passkey-" + attempt);
            Assert.AreEqual(("failed", "failed"), (drill["outcome"]!.GetValue<string>(), DrillClient.Step(drill, "passkey")["status"]!.GetValue<string>()));
            Assert.DoesNotContain("wrong-passkey", drill.ToJsonString());
        }

        var locked = await DrillClient.PostAsync(admin, pair.PairId, "bcp", pair.Passkey);
        var problem = await BcpClient.ReadProblemAsync(locked, HttpStatusCode.TooManyRequests);
        Assert.AreEqual(("/problems/switch-locked", "caller"), (problem.GetProperty("type").GetString(), problem.GetProperty("lockScope").GetString()));
        Assert.IsNotNull(locked.Headers.RetryAfter, "Retry-After, as a switch's 429");
        var switched = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
        Assert.AreEqual("/problems/switch-locked", (await BcpClient.ReadProblemAsync(switched, HttpStatusCode.TooManyRequests)).GetProperty("type").GetString(),
            "the drill's wrong passkeys locked the caller's switch too");
        Assert.HasCount(5, await DrillClient.ListAsync(admin, pair.PairId), "a refused drill is not kept");

        using var other = host.ClientFor(pair.PrimaryTenantId, "admin-2", Permissions.ActivationEdit);
        Assert.AreEqual("passed", DrillClient.Step(await DrillClient.RunAsync(other, pair.PairId, "bcp", pair.Passkey), "passkey")["status"]!.GetValue<string>(), "another caller still drills");
        Assert.AreEqual(0, (await BcpClient.GetStatusAsync(admin, pair.PairId)).Epoch);
    }

    [TestMethod]
    public async Task Drill_Permissions_AsPairRoutes_AndBadInput_400NamingTheField_WritesNothing()
    {
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        var unrelated = await BcpClient.CreatePairAsync(host, "Other Corp");
        using var admin = Admin(host, pair);
        using var stranger = host.ClientFor(unrelated.PrimaryTenantId, "admin-9", Permissions.ActivationEdit);
        using var reader = host.ClientFor(pair.BcpTenantId, "reader-1");
        using var bcpAdmin = host.ClientFor(pair.BcpTenantId, "admin-3", Permissions.ActivationEdit);

        await BcpClient.ReadProblemAsync(await DrillClient.PostAsync(stranger, pair.PairId, "bcp", pair.Passkey), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await stranger.GetAsync($"/tenant-pairs/{pair.PairId}/drills"), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await DrillClient.PostAsync(reader, pair.PairId, "bcp", pair.Passkey), HttpStatusCode.Forbidden);
        await BcpClient.ReadProblemAsync(await bcpAdmin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/drills/schedule", new { enabled = true, weekday = "monday", at = "06:30" }),
            HttpStatusCode.Forbidden);

        await AssertInvalidAsync(DrillClient.PostAsync(admin, pair.PairId, "sideways", pair.Passkey), "side");
        await AssertInvalidAsync(DrillClient.PostAsync(admin, pair.PairId, null, pair.Passkey), "side");
        await AssertInvalidAsync(DrillClient.PostAsync(admin, pair.PairId, "bcp", null), "passkey");
        await AssertInvalidAsync(DrillClient.PostAsync(admin, pair.PairId, "bcp", new string('x', 101)), "passkey");
        await AssertInvalidAsync(admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/drills/schedule", new { enabled = true, weekday = "someday", at = "06:30" }), "weekday");
        await AssertInvalidAsync(admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/drills/schedule", new { enabled = true, weekday = "1", at = "06:30" }), "weekday");
        await AssertInvalidAsync(admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/drills/schedule", new { enabled = true, weekday = "monday", at = "6:30" }), "at");
        await AssertInvalidAsync(admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/drills/schedule", new { enabled = true, weekday = "monday", at = "24:00" }), "at");

        Assert.HasCount(0, await DrillClient.ListAsync(admin, pair.PairId), "nothing kept");
        var schedule = JsonNode.Parse(await admin.GetStringAsync($"/tenant-pairs/{pair.PairId}/drills/schedule"))!;
        Assert.IsFalse(schedule["enabled"]!.GetValue<bool>(), "no schedule written");
        Assert.IsFalse((await BcpClient.GetAuditAsync(admin, pair.PairId)).Any(entry => entry.Action.StartsWith("drill", StringComparison.Ordinal) || entry.Action == "switch"));
    }

    private static async Task AssertInvalidAsync(Task<HttpResponseMessage> request, string field)
    {
        var problem = await BcpClient.ReadProblemAsync(await request, HttpStatusCode.BadRequest);
        // A body that cannot be read names the field by its JSON path ($.side), as for every route.
        Assert.IsTrue(problem.TryGetProperty("errors", out var errors) && (errors.TryGetProperty(field, out _) || errors.TryGetProperty("$." + field, out _)), $"names {field}: {problem}");
    }

    /// <summary>
    /// A pair whose BCP tenant is ready once synced (as Tests/Readiness/ReadinessTenant.cs seeds it), written through the
    /// configuration API so the usernames and the number are indexed: a voice point of contact on a skill, its agent with
    /// BCP type single, and users of the other two types.
    /// </summary>
    private static async Task<TestPair> SyncedPairAsync(ApiHost host)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        using var config = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        var tenant = pair.PrimaryTenantId;
        var skill = await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.Skills, new { name = "Billing" });
        var hours = await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.HoursOfOperation, new { name = "Office hours" });
        var script = await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.Scripts, new { name = "Greeting", content = "SAY hello" });
        await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.PointsOfContact,
            new { name = "Main line", channel = "voice", address = Numbers[0], skillId = skill, hoursOfOperationId = hours, scriptId = script });
        var agent = await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.Users, new { username = Usernames[0], bcpType = "single" });
        await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.AgentSettings, new { userId = agent, skillIds = new[] { skill } });
        await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.Users, new { username = Usernames[1], bcpType = "none" });
        await ConfigClient.CreateIdAsync(config, tenant, EntityTypes.Users, new { username = Usernames[2], bcpType = "multiple" });
        using var admin = Admin(host, pair);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        return pair;
    }

    private Task<ApiHost> StartAsync() =>
        ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: ReadinessClient.FreshReports, environment: "Development");

    private static HttpClient Admin(ApiHost host, TestPair pair) =>
        host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
}
