using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Login;

/// <summary>Login options through HTTP (docs/api.md): the 3×2 table, before and after a real switch.</summary>
[TestClass]
public sealed class LoginOptionsTests
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task LoginOptions_EveryCellOfTheTable_BeforeAndAfterASwitch()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair.PrimaryTenantId);
        foreach (var type in new[] { "none", "single", "multiple" })
        {
            await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = $"{type}@classics.example", bcpType = type });
        }

        using var login = LoginClient.For(host);
        var none = await LoginClient.OptionsAsync(login, "none@classics.example");
        AssertDirect(none, pair.PrimaryTenantId, "Classics Inc.", PairRole.Primary);
        Assert.AreEqual((pair.PairId, PairRole.Primary, 0L), (none.PairId, none.ActiveSide!.Value, none.Epoch!.Value));
        AssertDirect(await LoginClient.OptionsAsync(login, "single@classics.example"), pair.PrimaryTenantId, "Classics Inc.", PairRole.Primary);
        AssertSelector(await LoginClient.OptionsAsync(login, "multiple@classics.example"), pair, PairRole.Primary);

        using var switcher = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(switcher, pair.PairId, "bcp", pair.Passkey));

        none = await LoginClient.OptionsAsync(login, "NONE@classics.example");
        Assert.AreEqual(LoginMode.Denied, none.Mode, "usernames are case-insensitive");
        Assert.AreEqual(0, none.Tenants.Count);
        Assert.AreEqual(1L, none.Epoch);
        AssertDirect(await LoginClient.OptionsAsync(login, "single@classics.example"), pair.BcpTenantId, "Classics Inc. BCP", PairRole.Bcp);
        AssertSelector(await LoginClient.OptionsAsync(login, "multiple@classics.example"), pair, PairRole.Bcp);

        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(switcher, pair.PairId, "primary", pair.Passkey));
        var back = await LoginClient.OptionsAsync(login, "none@classics.example");
        AssertDirect(back, pair.PrimaryTenantId, "Classics Inc.", PairRole.Primary);
        Assert.AreEqual(2L, back.Epoch, "a session from an older epoch is stale");
    }

    [TestMethod]
    public async Task LoginOptions_UserOutsideAnyPair_GoesDirectToTheirTenant_UnknownIs404()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var tenant = await BcpClient.CreateTenantAsync(operatorClient, "Solo Ltd.", "us-east");
        using var admin = AdminOf(host, tenant);
        var userId = await ConfigClient.CreateIdAsync(admin, tenant, EntityTypes.Users, new { username = "solo@solo.example", bcpType = "multiple" });
        using var login = LoginClient.For(host);

        var options = await LoginClient.OptionsAsync(login, "solo@solo.example");

        Assert.AreEqual(LoginMode.Direct, options.Mode);
        Assert.AreEqual((tenant, "Solo Ltd.", (PairRole?)null, true), (options.Target!.TenantId, options.Target.AccountName, options.Target.Side, options.Target.Active));
        Assert.AreEqual(userId, options.UserId);
        Assert.IsNull(options.PairId);
        var unknown = await BcpClient.ReadProblemAsync(await login.GetAsync("/login/options?username=nobody@solo.example"), HttpStatusCode.NotFound);
        Assert.AreEqual("/problems/user-unknown", unknown.GetProperty("type").GetString());
        await BcpClient.ReadProblemAsync(await login.GetAsync("/login/options"), HttpStatusCode.BadRequest);
        await BcpClient.ReadProblemAsync(await login.GetAsync("/login/options?username=%01x"), HttpStatusCode.BadRequest);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/login/options?username=solo@solo.example")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await admin.GetAsync("/login/options?username=solo@solo.example")).StatusCode);
    }

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task LoginOptions_BcpTypeChangedInThePrimary_ShowsWithinASecond()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair.PrimaryTenantId);
        var userId = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = "agent@classics.example" });
        using var login = LoginClient.For(host);
        Assert.AreEqual("none", (await LoginClient.OptionsAsync(login, "agent@classics.example")).BcpType);

        var response = await ConfigClient.PutAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, userId, new { username = "agent@classics.example", bcpType = "multiple" });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());

        await LoginClient.EventuallyAsync(async () => (await LoginClient.OptionsAsync(login, "agent@classics.example")).Mode == LoginMode.Selector, Freshness, "the new BCP type");
    }

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task LoginOptions_UsernameMovedToAnotherUser_AnswersTheNewHolderAtOnce()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = AdminOf(host, pair.PrimaryTenantId);
        var first = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = "desk@classics.example" });
        using var login = LoginClient.For(host);
        Assert.AreEqual(first, (await LoginClient.OptionsAsync(login, "desk@classics.example")).UserId);

        var renamed = await ConfigClient.PutAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, first, new { username = "old-desk@classics.example" });
        Assert.AreEqual(HttpStatusCode.OK, renamed.StatusCode, await renamed.Content.ReadAsStringAsync());
        var second = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = "desk@classics.example", bcpType = "multiple" });

        // The silo keeps the old claim, but the user record no longer carries the name: the claim is read again.
        await LoginClient.EventuallyAsync(async () => (await LoginClient.OptionsAsync(login, "desk@classics.example")).UserId == second, Freshness, "the new holder");
        Assert.AreEqual(first, (await LoginClient.OptionsAsync(login, "old-desk@classics.example")).UserId);
    }

    [TestMethod]
    // Alone: it bounds how soon a change shows on another host (1 s), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task LoginOptions_SwitchOnOneHost_FlipsOnTheOtherWithinASecond()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        await using var hostA = await ApiHost.StartAsync(store);
        await using var hostB = await ApiHost.StartAsync(store);
        var pair = await BcpClient.CreatePairAsync(hostA);
        using var admin = AdminOf(hostA, pair.PrimaryTenantId);
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = "single@classics.example", bcpType = "single" });
        using var loginB = LoginClient.For(hostB);
        AssertDirect(await LoginClient.OptionsAsync(loginB, "single@classics.example"), pair.PrimaryTenantId, "Classics Inc.", PairRole.Primary);

        using var switcher = hostA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(switcher, pair.PairId, "bcp", pair.Passkey));

        await LoginClient.EventuallyAsync(
            async () => (await LoginClient.OptionsAsync(loginB, "single@classics.example")).Target?.TenantId == pair.BcpTenantId, Freshness, "host B flipping to BCP");
    }

    private static HttpClient AdminOf(ApiHost host, string tenantId) =>
        host.ClientFor(tenantId, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);

    private static void AssertDirect(LoginOptions options, string tenantId, string accountName, PairRole side)
    {
        Assert.AreEqual(LoginMode.Direct, options.Mode, options.ToString());
        Assert.AreEqual((tenantId, accountName, (PairRole?)side, true), (options.Target!.TenantId, options.Target.AccountName, options.Target.Side, options.Target.Active));
        Assert.AreEqual(1, options.Tenants.Count);
    }

    private static void AssertSelector(LoginOptions options, TestPair pair, PairRole active)
    {
        Assert.AreEqual(LoginMode.Selector, options.Mode);
        Assert.IsNull(options.Target);
        CollectionAssert.AreEqual(
            new[] { (pair.PrimaryTenantId, active == PairRole.Primary), (pair.BcpTenantId, active == PairRole.Bcp) },
            options.Tenants.Select(t => (t.TenantId, t.Active)).ToArray());
    }
}
