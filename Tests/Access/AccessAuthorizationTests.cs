using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Access;

/// <summary>401 without a token; 403 without bcp.access.edit; 404 for anyone outside the tenant or the pair.</summary>
[TestClass]
public sealed class AccessAuthorizationTests
{
    private static AccessFixture _fixture = null!;
    private static string _userId = null!;
    private static string _username = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _fixture = await AccessFixture.StartAsync();
        _username = ConfigSamples.UniqueUsername("guarded");
        _userId = await ConfigClient.CreateIdAsync(_fixture.Admin, _fixture.Primary, "users", new { username = _username });
    }

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    private static IEnumerable<(HttpMethod Method, string Path, HttpContent? Body)> Writes() =>
    [
        (HttpMethod.Put, $"/tenants/{_fixture.Primary}/users/{_userId}/bcp-type", new StringContent("""{"bcpType":"multiple"}""", Encoding.UTF8, "application/json")),
        (HttpMethod.Post, $"/tenants/{_fixture.Primary}/users/bcp-types", new StringContent($"username,bcpType\n{_username},multiple\n", Encoding.UTF8, "text/csv")),
    ];

    private static string CountsPath => $"/tenant-pairs/{_fixture.Pair.PairId}/bcp-access";

    [TestMethod]
    public async Task EveryRoute_WithoutToken_Returns401Problem()
    {
        foreach (var (method, path, body) in Writes().Append((HttpMethod.Get, CountsPath, null)))
        {
            await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, token: null), HttpStatusCode.Unauthorized);
        }
    }

    [TestMethod]
    public async Task Writes_WithoutAccessEdit_Return403AndWriteNothing()
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);
        var token = ApiHost.Token(_fixture.Primary, "config-admin", [.. Permissions.All.Where(permission => permission != Permissions.AccessEdit)]);

        foreach (var (method, path, body) in Writes())
        {
            await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, token), HttpStatusCode.Forbidden);
        }

        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Writes_FromAnotherTenantOrAnOperator_Return404AndWriteNothing()
    {
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);
        // The pair's BCP tenant is the partner, but not the tenant the user belongs to.
        string[] outsiders =
        [
            ApiHost.Token(_fixture.OtherTenant, "outsider", [.. Permissions.All]),
            ApiHost.Token(_fixture.Pair.BcpTenantId, "partner", [.. Permissions.All]),
            ApiHost.Token("ops", "operator-1", [.. Permissions.All]),
        ];
        foreach (var token in outsiders)
        {
            foreach (var (method, path, body) in Writes())
            {
                var problem = await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, token), HttpStatusCode.NotFound);
                Assert.AreEqual("/problems/not-found", problem.GetProperty("type").GetString(), $"{method} {path}");
            }
        }

        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    public async Task Writes_ForAnotherTenantsUserByItsId_Return404()
    {
        var response = await AccessClient.PutBcpTypeAsync(_fixture.OtherAdmin, _fixture.OtherTenant, _userId, "single");

        Assert.AreEqual("/problems/not-found", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.NotFound));
        Assert.AreEqual("none", await _fixture.BcpTypeOfAsync(_fixture.Primary, _userId));
    }

    [TestMethod]
    public async Task Counts_ForMembersOfEitherTenantAndOperators_Return200()
    {
        string[] allowed =
        [
            ApiHost.Token(_fixture.Primary, "agent-1"),
            ApiHost.Token(_fixture.Pair.BcpTenantId, "agent-2"),
            ApiHost.Token("ops", "operator-1", Permissions.Setup),
        ];
        foreach (var token in allowed)
        {
            var response = await SendAsync(HttpMethod.Get, CountsPath, null, token);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    [TestMethod]
    public async Task Counts_ForOutsidersOrAnUnknownPair_Return404()
    {
        var outsider = ApiHost.Token(_fixture.OtherTenant, "outsider", [.. Permissions.All.Where(permission => permission != Permissions.Setup)]);

        await BcpClient.ReadProblemAsync(await SendAsync(HttpMethod.Get, CountsPath, null, outsider), HttpStatusCode.NotFound);
        await BcpClient.ReadProblemAsync(
            await SendAsync(HttpMethod.Get, "/tenant-pairs/0123456789abcdef0123456789abcdef/bcp-access", null, ApiHost.Token("ops", "op", Permissions.Setup)),
            HttpStatusCode.NotFound);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? body, string? token)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : Clone(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _fixture.Host.Client.SendAsync(request);
    }

    // A content is sent once; each request gets its own copy.
    private static ByteArrayContent Clone(HttpContent body)
    {
        var copy = new ByteArrayContent(body.ReadAsByteArrayAsync().GetAwaiter().GetResult());
        copy.Headers.ContentType = body.Headers.ContentType;
        return copy;
    }
}
