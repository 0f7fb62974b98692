using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// The hot reads' short path for a token validated before (Api/Hosting/HotReads.cs): it is taken — the authorization
/// service runs for a token's first reads only — and it answers what the full pipeline answers, refusals included.
/// </summary>
[TestClass]
public sealed class HotReadTests
{
    private const string LoginPath = "/login/options?username=agent%40classics.example";

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task LoginReads_SameToken_AreAuthorizedByTheServiceOnlyAtFirst_AndAnsweredAlike()
    {
        var authorizations = new CountingAuthorizationHandler();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")),
            services: services => services.AddSingleton<IAuthorizationHandler>(authorizations));
        await AddUserAsync(host);
        using var login = host.ClientFor("platform", "login-service", Permissions.LoginRead);
        var before = authorizations.Count;

        var bodies = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await login.GetAsync(LoginPath);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
            bodies.Add(await response.Content.ReadAsStringAsync());
        }

        // The first read through the full pipeline (which validates and remembers the token), the second through the
        // short path's first look at the route's policy; none after.
        Assert.AreEqual(2, authorizations.Count - before);
        Assert.AreEqual(1, bodies.Distinct().Count());
        StringAssert.Contains(bodies[0], "\"username\":\"agent@classics.example\"");
    }

    [TestMethod]
    public async Task RememberedToken_WithoutThePermission_IsRefused403EveryTime_AndNoTokenIs401()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await AddUserAsync(host);
        using var member = host.ClientFor(pair.PrimaryTenantId, "agent-1");
        Assert.AreEqual(HttpStatusCode.OK, (await member.GetAsync($"/tenant-pairs/{pair.PairId}")).StatusCode, "the token is validated and remembered");

        for (var i = 0; i < 3; i++)
        {
            var problem = await BcpClient.ReadProblemAsync(await member.GetAsync(LoginPath), HttpStatusCode.Forbidden);
            Assert.AreEqual(Permissions.LoginRead, problem.GetProperty("permission").GetString());
        }

        var unauthorized = await BcpClient.ReadProblemAsync(await host.Client.GetAsync("/routing/voice?address=%2B14155550100"), HttpStatusCode.Unauthorized);
        StringAssert.EndsWith(unauthorized.GetProperty("type").GetString(), "/unauthorized");
    }

    [TestMethod]
    public async Task RememberedToken_JsonBodyInAnotherCharset_Is415AsOnEveryRoute()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        await AddUserAsync(host);
        using var login = host.ClientFor("platform", "login-service", Permissions.LoginRead);
        Assert.AreEqual(HttpStatusCode.OK, (await login.GetAsync(LoginPath)).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await login.GetAsync(LoginPath)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Get, LoginPath)
        {
            Content = new StringContent("{}", Encoding.Latin1, "application/json"),
        };
        // Sent past the document's response check: a GET with a body is no documented use, only a way to reach the charset check.
        using var raw = new HttpClient { BaseAddress = login.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = login.DefaultRequestHeaders.Authorization;
        using var response = await raw.SendAsync(request);

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
    }

    private static async Task<TestPair> AddUserAsync(ApiHost host)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit);
        (await admin.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/users", new { username = "agent@classics.example" })).EnsureSuccessStatusCode();
        return pair;
    }
}
