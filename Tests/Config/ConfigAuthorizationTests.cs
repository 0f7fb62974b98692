using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>401 without a token, 404 for another tenant's configuration, 403 for writes without tenant.config.edit.</summary>
[TestClass]
public sealed class ConfigAuthorizationTests
{
    private static readonly TempFolder Folder = new();
    private static ConfigFixture _fixture = null!;
    private static string _skillId = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _fixture = await ConfigFixture.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));
        _skillId = await ConfigClient.CreateIdAsync(_fixture.AdminA, _fixture.TenantA, "skills", new { name = "English" });
        var settings = await ConfigClient.SendAsync(_fixture.AdminA, HttpMethod.Put, $"/tenants/{_fixture.TenantA}/business-unit-settings", """{"timeZone":"UTC"}""");
        Assert.AreEqual(HttpStatusCode.Created, settings.StatusCode);
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _fixture.DisposeAsync();
        Folder.Dispose();
    }

    private static IEnumerable<(HttpMethod Method, string Path, string? Body)> Reads() =>
    [
        (HttpMethod.Get, $"/tenants/{_fixture.TenantA}/skills", null),
        (HttpMethod.Get, $"/tenants/{_fixture.TenantA}/skills/{_skillId}", null),
        (HttpMethod.Get, $"/tenants/{_fixture.TenantA}/business-unit-settings", null),
    ];

    private static IEnumerable<(HttpMethod Method, string Path, string? Body)> Writes() =>
    [
        (HttpMethod.Post, $"/tenants/{_fixture.TenantA}/skills", """{"name":"German"}"""),
        (HttpMethod.Put, $"/tenants/{_fixture.TenantA}/skills/{_skillId}", """{"name":"Changed"}"""),
        (HttpMethod.Delete, $"/tenants/{_fixture.TenantA}/skills/{_skillId}", null),
        (HttpMethod.Put, $"/tenants/{_fixture.TenantA}/business-unit-settings", """{"timeZone":"Europe/Berlin"}"""),
    ];

    [TestMethod]
    public async Task EveryRoute_WithoutToken_Returns401Problem()
    {
        foreach (var (method, path, body) in Reads().Concat(Writes()))
        {
            await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, token: null), HttpStatusCode.Unauthorized);
        }
    }

    [TestMethod]
    public async Task EveryRoute_FromAnotherTenantOrAnOperator_Returns404AndWritesNothing()
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);
        var outsiders = new[]
        {
            ApiHost.Token(_fixture.TenantB, "outsider", [.. Permissions.All]),
            ApiHost.Token("ops", "operator-1", [.. Permissions.All]),
        };
        foreach (var token in outsiders)
        {
            foreach (var (method, path, body) in Reads().Concat(Writes()))
            {
                var problem = await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, token), HttpStatusCode.NotFound);
                Assert.AreEqual("/problems/not-found", problem.GetProperty("type").GetString(), $"{method} {path}");
            }
        }

        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Writes_WithoutTenantConfigEdit_Return403AndWriteNothing()
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);
        var token = ApiHost.Token(_fixture.TenantA, "member", [.. Permissions.All.Where(permission => permission != Permissions.TenantConfigEdit)]);

        foreach (var (method, path, body) in Writes())
        {
            await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, token), HttpStatusCode.Forbidden);
        }

        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Reads_ByMemberWithoutPermissions_Return200()
    {
        var token = ApiHost.Token(_fixture.TenantA, "agent-1");

        foreach (var (method, path, body) in Reads())
        {
            var response = await SendAsync(method, path, body, token);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{method} {path}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [TestMethod]
    public async Task Routes_ForATenantThatDoesNotExist_Return404()
    {
        const string ghost = "0123456789abcdef0123456789abcdef";
        using var client = _fixture.Host.ClientFor(ghost, "admin", Permissions.TenantConfigEdit);

        await BcpClient.ReadProblemAsync(await client.GetAsync($"/tenants/{ghost}/skills"), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(await ConfigClient.PostAsync(client, ghost, "skills", new { name = "x" }), HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? body, string? token)
    {
        var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _fixture.Host.Client.SendAsync(request);
    }
}
