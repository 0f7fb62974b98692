using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>
/// The configuration routes next to the others under /tenants/{tenantId}: unknown types, the
/// singleton's methods, and room for the user-access routes another feature adds later.
/// </summary>
[TestClass]
public sealed class ConfigRoutingTests
{
    private static readonly TempFolder Folder = new();
    private static ConfigFixture _fixture = null!;

    private static HttpClient Admin => _fixture.AdminA;

    private static string Tenant => _fixture.TenantA;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) =>
        // The user-access routes as the later feature will map them (spec §4), answering who they are.
        _fixture = await ConfigFixture.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")), app =>
        {
            app.MapPut("/tenants/{tenantId}/users/{userId}/bcp-type", (string userId) => TypedResults.Ok(new { route = "bcp-type", userId }));
            app.MapPost("/tenants/{tenantId}/users/bcp-types", () => TypedResults.Ok(new { route = "bcp-types" }));
        });

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _fixture.DisposeAsync();
        Folder.Dispose();
    }

    [TestMethod]
    [DataRow("GET", "/widgets", null)]
    [DataRow("POST", "/widgets", """{"name":"x"}""")]
    [DataRow("GET", "/widgets/abc", null)]
    [DataRow("PUT", "/widgets/abc", """{"name":"x"}""")]
    [DataRow("DELETE", "/widgets/abc", null)]
    [DataRow("GET", "/Skills", null)]
    public async Task UnknownType_Returns404UnknownEntityType(string method, string path, string? body)
    {
        var response = await ConfigClient.SendAsync(Admin, new HttpMethod(method), $"/tenants/{Tenant}{path}", body);

        Assert.AreEqual("/problems/unknown-entity-type", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.NotFound));
    }

    [TestMethod]
    public async Task TenantRoute_StillAnswersTheTenant()
    {
        var tenant = JsonDocument.Parse(await Admin.GetStringAsync($"/tenants/{Tenant}")).RootElement;

        Assert.AreEqual(Tenant, tenant.GetProperty("tenantId").GetString());
    }

    [TestMethod]
    [DataRow("POST")]
    [DataRow("DELETE")]
    public async Task BusinessUnitSettings_PostOrDelete_Returns405WithAllow(string method)
    {
        var response = await ConfigClient.SendAsync(Admin, new HttpMethod(method), $"/tenants/{Tenant}/business-unit-settings", method == "POST" ? "{}" : null);

        Assert.AreEqual("/problems/method-not-allowed", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.MethodNotAllowed));
        CollectionAssert.AreEquivalent(new[] { "GET", "PUT" }, response.Content.Headers.Allow.ToArray());
    }

    [TestMethod]
    [DataRow("GET")]
    [DataRow("PUT")]
    [DataRow("DELETE")]
    public async Task BusinessUnitSettings_WithAnId_Returns404(string method)
    {
        var response = await ConfigClient.SendAsync(Admin, new HttpMethod(method), $"/tenants/{Tenant}/business-unit-settings/settings", method == "PUT" ? "{}" : null);

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [TestMethod]
    [DataRow("/skills/UPPER")]
    [DataRow("/skills/..%2F..%2Fpairs")]
    [DataRow("/skills/0123456789abcdef0123456789abcdef")]
    public async Task Get_MalformedOrUnknownId_Returns404Problem(string path)
    {
        await BcpClient.ReadProblemAsync(await Admin.GetAsync($"/tenants/{Tenant}{path}"), HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task UserAccessRoutes_MappedLater_WinOverTheConfigurationRoutes()
    {
        var user = await ConfigClient.CreateAsync(Admin, Tenant, "users", new { username = ConfigSamples.UniqueUsername() });

        var single = await ConfigClient.SendAsync(Admin, HttpMethod.Put, $"/tenants/{Tenant}/users/{user.Id}/bcp-type", """{"bcpType":"single"}""");
        var bulk = await ConfigClient.SendAsync(Admin, HttpMethod.Post, $"/tenants/{Tenant}/users/bcp-types", "{}");
        var read = await ConfigClient.GetAsync(Admin, Tenant, "users", user.Id);

        Assert.AreEqual("bcp-type", JsonDocument.Parse(await single.Content.ReadAsStringAsync()).RootElement.GetProperty("route").GetString());
        Assert.AreEqual("bcp-types", JsonDocument.Parse(await bulk.Content.ReadAsStringAsync()).RootElement.GetProperty("route").GetString());
        Assert.AreEqual(user.Id, read.Id);
    }
}
