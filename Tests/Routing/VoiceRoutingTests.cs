using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Routing;

/// <summary>Voice routing through HTTP (docs/api.md), before and after a real switch.</summary>
[TestClass]
public sealed class VoiceRoutingTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Routing_FollowsTheActiveSide_WithIdsOfTheTenantThatTakesTheCall()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        var primary = await PrimaryContactsAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit, Permissions.TenantConfigEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        var unsynced = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.PointsOfContact,
            new { name = "New line", channel = "voice", address = "+15551239999" });
        using var router = LoginClient.For(host);

        var before = await RouteAsync(router, "+1 (555) 123-0000");
        Assert.AreEqual((pair.PrimaryTenantId, (PairRole?)PairRole.Primary, primary.Main), (before.TenantId, before.Side, before.PointOfContact.Id));
        Assert.AreEqual((primary.Skill, primary.Hours, primary.Script), (before.PointOfContact.SkillId, before.PointOfContact.HoursOfOperationId, before.PointOfContact.ScriptId));
        Assert.AreEqual("+15551239999", (await RouteAsync(router, "+15551239999")).Address);

        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        var after = await RouteAsync(router, "+15551230000");

        Assert.AreEqual((pair.BcpTenantId, "Classics Inc. BCP", (PairRole?)PairRole.Bcp, 1L), (after.TenantId, after.AccountName, after.Side, after.Epoch));
        Assert.AreEqual(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, primary.Main), after.PointOfContact.Id);
        Assert.AreEqual(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Skills, primary.Skill), after.PointOfContact.SkillId);
        Assert.AreEqual(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.HoursOfOperation, primary.Hours), after.PointOfContact.HoursOfOperationId);
        Assert.AreEqual(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.Scripts, primary.Script), after.PointOfContact.ScriptId);
        Assert.AreNotEqual(primary.Skill, after.PointOfContact.SkillId);
        await AssertProblemAsync(router, "+15551239999", "poc-not-in-bcp");
        Assert.IsNull(await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, primary.Email), "an email point of contact never reaches the BCP side");
        await AssertProblemAsync(router, "+15550000000", "poc-unknown");
        await BcpClient.ReadProblemAsync(await router.GetAsync("/routing/voice?address=support@classics.example"), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await router.GetAsync("/routing/voice?address=12345"), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await router.GetAsync("/routing/voice"), HttpStatusCode.BadRequest);
    }

    /// <summary>
    /// While the BCP side serves, a call is routed to the synced copy found through the pair's correlations; when the
    /// silo holding that correlation bucket is unreachable (it died and is not yet declared dead), the bucket is read
    /// from the control store instead of the call failing.
    /// </summary>
    [TestMethod]
    public async Task Routing_WhileBcpServes_AndTheCorrelationsSiloIsUnreachable_RoutesToTheCopyFromTheStore()
    {
        var unreachable = new UnreachableGrains();
        await using var host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("bcp.db")), services: services => services.AddSingleton<IOutgoingGrainCallFilter>(unreachable));
        var pair = await BcpClient.CreatePairAsync(host);
        var primary = await PrimaryContactsAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit, Permissions.TenantConfigEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        var bcpMain = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, primary.Main);

        unreachable.Cut(call => call.InterfaceMethod?.DeclaringType == typeof(IEntityGrain));
        using var router = LoginClient.For(host);
        var routed = await RouteAsync(router, "+15551230000");

        Assert.AreEqual((pair.BcpTenantId, (PairRole?)PairRole.Bcp, bcpMain), (routed.TenantId, routed.Side, routed.PointOfContact.Id));
        Assert.IsGreaterThan(0, unreachable.Refused, "the correlation bucket's grain was asked and did not answer");
    }

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Routing_DeactivatedPointOfContact_IsPocInactiveOnBothSides()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        var primary = await PrimaryContactsAsync(host, pair);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit, Permissions.TenantConfigEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        using var router = LoginClient.For(host);

        var deactivate = await ConfigClient.PutAsync(admin, pair.PrimaryTenantId, EntityTypes.PointsOfContact, primary.Main,
            new { name = "Main line", channel = "voice", address = "+15551230000", skillId = primary.Skill, hoursOfOperationId = primary.Hours, scriptId = primary.Script, active = false });
        Assert.AreEqual(HttpStatusCode.OK, deactivate.StatusCode, await deactivate.Content.ReadAsStringAsync());
        await LoginClient.EventuallyAsync(async () => await ProblemTypeAsync(router, "+15551230000") == "/problems/poc-inactive", TimeSpan.FromSeconds(1), "primary deactivation");

        await SyncClient.RunAsync(admin, pair.PairId);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await AssertProblemAsync(router, "+15551230000", "poc-inactive");
    }

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Routing_SwitchOnOneHost_FlipsOnTheOtherWithinASecond()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        await using var hostA = await ApiHost.StartAsync(store);
        await using var hostB = await ApiHost.StartAsync(store);
        var pair = await BcpClient.CreatePairAsync(hostA);
        await PrimaryContactsAsync(hostA, pair);
        using var admin = hostA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        using var routerB = LoginClient.For(hostB);
        Assert.AreEqual(pair.PrimaryTenantId, (await RouteAsync(routerB, "+15551230000")).TenantId);

        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));

        var took = await LoginClient.EventuallyAsync(
            async () => (await RouteAsync(routerB, "+15551230000")).TenantId == pair.BcpTenantId, TimeSpan.FromSeconds(1), "host B routing to BCP");
        Console.WriteLine($"host B routed to BCP {took.TotalMilliseconds:F0} ms after the switch answered");
    }

    [TestMethod]
    public async Task Routing_UnencodedPlus_ArrivesAsASpace_AndTheProblemSaysToEncodeIt()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        await PrimaryContactsAsync(host, pair);
        using var router = LoginClient.For(host);

        var unencoded = await BcpClient.ReadProblemAsync(await router.GetAsync("/routing/voice?address=+15551230000"), HttpStatusCode.BadRequest);
        var encoded = await router.GetAsync("/routing/voice?address=%2B15551230000");
        var notANumber = await BcpClient.ReadProblemAsync(await router.GetAsync("/routing/voice?address=+sales"), HttpStatusCode.BadRequest);

        Assert.AreEqual("/problems/validation", unencoded.GetProperty("type").GetString());
        var detail = unencoded.GetProperty("detail").GetString()!;
        StringAssert.Contains(detail, "%2B");
        StringAssert.Contains(detail, "address=%2B15551230000", "the request as it should have been sent");
        Assert.AreEqual(detail, unencoded.GetProperty("errors").GetProperty("address")[0].GetString());
        Assert.AreEqual(HttpStatusCode.OK, encoded.StatusCode, await encoded.Content.ReadAsStringAsync());
        Assert.AreEqual(pair.PrimaryTenantId, (await encoded.Content.ReadFromJsonAsync<VoiceRoute>(BcpClient.Json))!.TenantId);
        StringAssert.Contains(notANumber.GetProperty("detail").GetString(), "E.164", "not a number once the + is back: the general message");
    }

    private static async Task<(string Main, string Email, string Skill, string Hours, string Script)> PrimaryContactsAsync(ApiHost host, TestPair pair)
    {
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit);
        var tenant = pair.PrimaryTenantId;
        var skill = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.Skills, new { name = "Billing" });
        var hours = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.HoursOfOperation, new { name = "Office hours" });
        var script = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.Scripts, new { name = "IVR", content = $"ROUTE skill={skill}" });
        var main = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.PointsOfContact,
            new { name = "Main line", channel = "voice", address = "+1 (555) 123-0000", skillId = skill, hoursOfOperationId = hours, scriptId = script });
        var email = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.PointsOfContact,
            new { name = "Support mail", channel = "email", address = "support@classics.example", skillId = skill });
        return (main, email, skill, hours, script);
    }

    private static async Task<VoiceRoute> RouteAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync($"/routing/voice?address={Uri.EscapeDataString(address)}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<VoiceRoute>(BcpClient.Json))!;
    }

    private static async Task<string?> ProblemTypeAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync($"/routing/voice?address={Uri.EscapeDataString(address)}");
        return response.StatusCode == HttpStatusCode.OK ? null : (await response.Content.ReadFromJsonAsync<ProblemBody>())?.Type;
    }

    private static async Task AssertProblemAsync(HttpClient client, string address, string type)
    {
        var problem = await BcpClient.ReadProblemAsync(await client.GetAsync($"/routing/voice?address={Uri.EscapeDataString(address)}"), HttpStatusCode.NotFound);
        Assert.AreEqual("/problems/" + type, problem.GetProperty("type").GetString());
    }

    private sealed record ProblemBody(string Type);
}
