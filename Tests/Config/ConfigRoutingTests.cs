using System.Net;
using System.Text;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>
/// The configuration routes next to the others under /tenants/{tenantId}: unknown types, the
/// singleton's methods, and the user-access routes under /users that win over "{type}/{id}".
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
        _fixture = await ConfigFixture.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));

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
    public async Task UserAccessRoutes_WinOverTheConfigurationRoutes()
    {
        var user = await ConfigClient.CreateAsync(Admin, Tenant, "users", new { username = ConfigSamples.UniqueUsername() });
        using var accessAdmin = _fixture.Host.ClientFor(Tenant, "access-admin", Permissions.AccessEdit);

        var single = await ConfigClient.SendAsync(accessAdmin, HttpMethod.Put, $"/tenants/{Tenant}/users/{user.Id}/bcp-type", """{"bcpType":"single"}""");
        var bulk = await accessAdmin.PostAsync($"/tenants/{Tenant}/users/bcp-types", new StringContent("username,bcpType\n", Encoding.UTF8, "text/csv"));
        var read = await ConfigClient.GetAsync(Admin, Tenant, "users", user.Id);

        Assert.AreEqual(HttpStatusCode.OK, single.StatusCode, await single.Content.ReadAsStringAsync());
        Assert.AreEqual("single", JsonDocument.Parse(await single.Content.ReadAsStringAsync()).RootElement.GetProperty("bcpType").GetString());
        Assert.AreEqual(HttpStatusCode.OK, bulk.StatusCode, await bulk.Content.ReadAsStringAsync());
        Assert.AreEqual(0, JsonDocument.Parse(await bulk.Content.ReadAsStringAsync()).RootElement.GetProperty("applied").GetInt32());
        Assert.AreEqual((user.Id, "single"), (read.Id, read.Text("bcpType")));
    }
}
