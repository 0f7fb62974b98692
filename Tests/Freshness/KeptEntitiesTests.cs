using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Access;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Freshness;

/// <summary>
/// Login options and voice routing keep users and points of contact on each silo until their tenant's
/// change stamp moves: host B answers repeated requests without reading them again, and every kind of
/// change made through host A shows on host B within a second (docs/api.md).
/// </summary>
[TestClass]
public sealed class KeptEntitiesTests
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Login_KeptUser_IsNotReadAgain_AndEveryChangeOnAnotherHostShowsWithinASecond()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        var tapB = new WriteTap();
        await using var hostA = await ApiHost.StartAsync(store);
        await using var hostB = await ApiHost.StartAsync(store, services: TappedStoreProvider.Install(tapB));
        var pair = await BcpClient.CreatePairAsync(hostA);
        using var admin = hostA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        var userId = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = "agent@classics.example" });
        using var loginB = LoginClient.For(hostB);
        Assert.AreEqual("none", (await LoginClient.OptionsAsync(loginB, "agent@classics.example")).BcpType);

        var userKeys = $"config/{pair.PrimaryTenantId}/users/";
        var readsBefore = tapB.CountReads(userKeys);
        for (var i = 0; i < 20; i++)
        {
            Assert.AreEqual("none", (await LoginClient.OptionsAsync(loginB, "agent@classics.example")).BcpType);
        }

        Assert.AreEqual(readsBefore, tapB.CountReads(userKeys), "a kept user is not read again while its tenant's users are unchanged");

        Assert.AreEqual(HttpStatusCode.OK, (await AccessClient.PutBcpTypeAsync(admin, pair.PrimaryTenantId, userId, "multiple")).StatusCode);
        await LoginClient.EventuallyAsync(async () => (await LoginClient.OptionsAsync(loginB, "agent@classics.example")).Mode == LoginMode.Selector, Freshness, "PUT bcp-type");

        await AccessClient.ReadOkAsync(await AccessClient.UploadAsync(admin, pair.PrimaryTenantId, AccessClient.Csv([("agent@classics.example", "single")])));
        await LoginClient.EventuallyAsync(async () => (await LoginClient.OptionsAsync(loginB, "agent@classics.example")).BcpType == "single", Freshness, "bulk CSV");

        var renamed = await ConfigClient.PutAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, userId, new { username = "agent2@classics.example", bcpType = "single" });
        Assert.AreEqual(HttpStatusCode.OK, renamed.StatusCode, await renamed.Content.ReadAsStringAsync());
        await LoginClient.EventuallyAsync(async () => (await loginB.GetAsync("/login/options?username=agent@classics.example")).StatusCode == HttpStatusCode.NotFound, Freshness, "rename (old name)");
        Assert.AreEqual(userId, (await LoginClient.OptionsAsync(loginB, "agent2@classics.example")).UserId);

        var current = await ConfigClient.GetAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, userId);
        var deleted = await ConfigClient.SendAsync(admin, HttpMethod.Delete, $"/tenants/{pair.PrimaryTenantId}/users/{userId}", ifMatch: current.ETag);
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode, await deleted.Content.ReadAsStringAsync());
        await LoginClient.EventuallyAsync(async () => (await loginB.GetAsync("/login/options?username=agent2@classics.example")).StatusCode == HttpStatusCode.NotFound, Freshness, "delete");
    }

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Routing_KeptPointOfContact_IsNotReadAgain_AndEveryChangeOnAnotherHostShowsWithinASecond()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        var tapB = new WriteTap();
        await using var hostA = await ApiHost.StartAsync(store);
        await using var hostB = await ApiHost.StartAsync(store, services: TappedStoreProvider.Install(tapB));
        var pair = await BcpClient.CreatePairAsync(hostA);
        using var admin = hostA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit);
        var tenant = pair.PrimaryTenantId;
        var billing = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.Skills, new { name = "Billing" });
        var sales = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.Skills, new { name = "Sales" });
        var line = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.PointsOfContact,
            new { name = "Main line", channel = "voice", address = "+15551230000", skillId = billing });
        using var routerB = LoginClient.For(hostB);
        Assert.AreEqual(billing, (await RouteAsync(routerB, "+15551230000"))!.PointOfContact.SkillId);

        var contactKeys = $"config/{tenant}/points-of-contact/";
        var readsBefore = tapB.CountReads(contactKeys);
        for (var i = 0; i < 20; i++)
        {
            Assert.AreEqual(line, (await RouteAsync(routerB, "+15551230000"))!.PointOfContact.Id);
        }

        Assert.AreEqual(readsBefore, tapB.CountReads(contactKeys), "a kept point of contact is not read again while its tenant's are unchanged");

        await PutContactAsync(admin, tenant, line, new { name = "Main line", channel = "voice", address = "+15551230000", skillId = sales });
        await LoginClient.EventuallyAsync(async () => (await RouteAsync(routerB, "+15551230000"))?.PointOfContact.SkillId == sales, Freshness, "new skill");

        await PutContactAsync(admin, tenant, line, new { name = "Main line", channel = "voice", address = "+15551230000", skillId = sales, active = false });
        await LoginClient.EventuallyAsync(async () => await ProblemTypeAsync(routerB, "+15551230000") == "/problems/poc-inactive", Freshness, "deactivation");

        await PutContactAsync(admin, tenant, line, new { name = "Main line", channel = "voice", address = "+15551230001", skillId = sales });
        await LoginClient.EventuallyAsync(async () => await ProblemTypeAsync(routerB, "+15551230000") == "/problems/poc-unknown", Freshness, "old number released");
        Assert.AreEqual(line, (await RouteAsync(routerB, "+15551230001"))!.PointOfContact.Id);

        // The released number goes to another point of contact: host B still keeps the old claim, and must follow the new one.
        var second = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.PointsOfContact,
            new { name = "Second line", channel = "voice", address = "+15551230000", skillId = billing });
        await LoginClient.EventuallyAsync(async () => (await RouteAsync(routerB, "+15551230000"))?.PointOfContact.Id == second, Freshness, "number taken by another");
    }

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task Routing_WhileBcpIsActive_FollowsANumberMovedInThePrimaryWithinASecond()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit, Permissions.TenantConfigEdit);
        var tenant = pair.PrimaryTenantId;
        var first = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.PointsOfContact, new { name = "First", channel = "voice", address = "+15551230000" });
        var second = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.PointsOfContact, new { name = "Second", channel = "voice", address = "+15551230002" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        await SyncClient.RunAsync(admin, pair.PairId);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        using var router = LoginClient.For(host);
        var firstCopy = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, first);
        var secondCopy = await SyncClient.BcpIdOfAsync(admin, pair.PairId, EntityTypes.PointsOfContact, second);
        Assert.AreEqual(firstCopy, (await RouteAsync(router, "+15551230000"))!.PointOfContact.Id);

        // The number moves from the first to the second point of contact in the primary; the router never reads the primary's
        // points of contact while BCP serves, so only the number's claim tells it.
        await PutContactAsync(admin, tenant, first, new { name = "First", channel = "voice", address = "+15551230001" });
        await PutContactAsync(admin, tenant, second, new { name = "Second", channel = "voice", address = "+15551230000" });

        await LoginClient.EventuallyAsync(async () => (await RouteAsync(router, "+15551230000"))?.PointOfContact.Id == secondCopy, Freshness, "the moved number");
    }

    [TestMethod]
    public async Task Write_WhoseChangeStampCannotMove_IsNotAcknowledged()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        var userId = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = "agent@classics.example" });

        // The user lands but its tenant's stamp does not: other silos would keep the old user, so no 2xx.
        tap.FailAfter(0, key => key.StartsWith($"changes/{pair.PrimaryTenantId}/users", StringComparison.Ordinal));
        var response = await AccessClient.PutBcpTypeAsync(admin, pair.PrimaryTenantId, userId, "multiple");

        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.IsFalse(tap.FaultPending);
        Assert.AreEqual(HttpStatusCode.OK, (await AccessClient.PutBcpTypeAsync(admin, pair.PrimaryTenantId, userId, "multiple")).StatusCode, "a retry goes through");
    }

    private static async Task PutContactAsync(HttpClient admin, string tenant, string id, object body)
    {
        var response = await ConfigClient.PutAsync(admin, tenant, EntityTypes.PointsOfContact, id, body);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<VoiceRoute?> RouteAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync($"/routing/voice?address={Uri.EscapeDataString(address)}");
        return response.StatusCode == HttpStatusCode.OK ? await response.Content.ReadFromJsonAsync<VoiceRoute>(BcpClient.Json) : null;
    }

    private static async Task<string?> ProblemTypeAsync(HttpClient client, string address)
    {
        var response = await client.GetAsync($"/routing/voice?address={Uri.EscapeDataString(address)}");
        return response.StatusCode == HttpStatusCode.OK ? null : (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString();
    }
}
