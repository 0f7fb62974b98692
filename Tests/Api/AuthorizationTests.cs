using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>401 without a valid token, 403 without the permission, 404 for another tenant's pair or tenant.</summary>
[TestClass]
public sealed class AuthorizationTests
{
    private static readonly TempFolder Folder = new();
    private static ApiHost _host = null!;
    private static TestPair _pair = null!;
    private static TestPair _otherPair = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _host = await ApiHost.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));
        _pair = await BcpClient.CreatePairAsync(_host, "Classics Inc.");
        _otherPair = await BcpClient.CreatePairAsync(_host, "Other Corp.");
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        Folder.Dispose();
    }

    private static IEnumerable<(HttpMethod Method, string Path, string? Body)> Routes() =>
    [
        (HttpMethod.Post, "/tenants", """{"name":"X","region":"us-east"}"""),
        (HttpMethod.Get, $"/tenants/{_pair.PrimaryTenantId}", null),
        (HttpMethod.Post, "/tenant-pairs", $$"""{"primaryTenantId":"{{_pair.PrimaryTenantId}}","bcpTenantId":"{{_pair.BcpTenantId}}"}"""),
        (HttpMethod.Get, $"/tenant-pairs/{_pair.PairId}", null),
        (HttpMethod.Put, $"/tenant-pairs/{_pair.PairId}/active-side", """{"side":"bcp","passkey":"WRONG"}"""),
        (HttpMethod.Post, $"/tenant-pairs/{_pair.PairId}/passkey/rotate", null),
        (HttpMethod.Get, $"/tenant-pairs/{_pair.PairId}/audit", null),
        (HttpMethod.Get, "/me", null),
    ];

    [TestMethod]
    public async Task EveryRoute_WithoutToken_Returns401Problem()
    {
        foreach (var (method, path, body) in Routes())
        {
            var response = await SendAsync(method, path, body, token: null);
            await BcpClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [TestMethod]
    public async Task EveryRoute_WithBadToken_Returns401()
    {
        var foreignKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var forged = DevelopmentTokens.Mint(new AuthOptions(), foreignKey, "u", _pair.PrimaryTenantId, Permissions.All, TimeSpan.FromHours(1));
        var expired = DevelopmentTokens.Mint(new AuthOptions(), ApiHost.SigningKey, "u", _pair.PrimaryTenantId, Permissions.All, TimeSpan.FromMinutes(-5));
        var otherAudience = DevelopmentTokens.Mint(new AuthOptions { Audience = "someone-else" }, ApiHost.SigningKey, "u", _pair.PrimaryTenantId, Permissions.All, TimeSpan.FromHours(1));
        foreach (var token in new[] { forged, expired, otherAudience, "not-a-jwt" })
        {
            foreach (var (method, path, body) in Routes())
            {
                Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync(method, path, body, token)).StatusCode, $"{method} {path}");
            }
        }
    }

    [TestMethod]
    public async Task RememberedToken_IsAcceptedAgain_ButNotWithOneCharacterChanged()
    {
        var token = DevelopmentTokens.Mint(new AuthOptions(), ApiHost.SigningKey, "remembered", _pair.PrimaryTenantId, [Permissions.LoginRead], TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.AreEqual(HttpStatusCode.OK, (await SendAsync(HttpMethod.Get, "/me", null, token)).StatusCode, "accepted again once remembered");
        }

        // A remembered token is matched on every character: an altered signature goes to full validation and fails.
        var altered = token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync(HttpMethod.Get, "/me", null, altered)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await SendAsync(HttpMethod.Post, $"/tenant-pairs/{_pair.PairId}/passkey/rotate", null, token)).StatusCode,
            "a remembered token carries its own permissions only");
    }

    [TestMethod]
    public async Task RememberedToken_SignedWithAKeyRemovedFromConfiguration_IsRefused()
    {
        using var folder = new TempFolder();
        var rotating = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var added = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var keys = new ChangeableSettings(new Dictionary<string, string?> { ["Auth:SigningKeys:1"] = rotating });
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")), changeable: keys);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var tenant = await BcpClient.CreateTenantAsync(operatorClient, "Rotating Ltd.", "us-east");
        var underRotating = DevelopmentTokens.Mint(new AuthOptions(), rotating, "rotated", tenant, [Permissions.LoginRead], TimeSpan.FromHours(1));
        var underKept = DevelopmentTokens.Mint(new AuthOptions(), ApiHost.SigningKey, "kept", tenant, [Permissions.LoginRead], TimeSpan.FromHours(1));
        var underAdded = DevelopmentTokens.Mint(new AuthOptions(), added, "added", tenant, [Permissions.LoginRead], TimeSpan.FromHours(1));
        for (var i = 0; i < 3; i++)
        {
            Assert.AreEqual(HttpStatusCode.OK, (await MeAsync(host, underRotating)).StatusCode, "accepted, then remembered");
            Assert.AreEqual(HttpStatusCode.OK, (await MeAsync(host, underKept)).StatusCode);
        }

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await MeAsync(host, underAdded)).StatusCode, "not configured yet");

        // The rotating key is replaced by another one: a configuration reload, no restart.
        keys.Change(new Dictionary<string, string?> { ["Auth:SigningKeys:1"] = added });

        for (var i = 0; i < 2; i++)
        {
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await MeAsync(host, underRotating)).StatusCode, "remembered under a removed key");
            Assert.AreEqual(HttpStatusCode.OK, (await MeAsync(host, underKept)).StatusCode, "its key is still configured");
            Assert.AreEqual(HttpStatusCode.OK, (await MeAsync(host, underAdded)).StatusCode, "the added key opens at once");
        }
    }

    [TestMethod]
    public async Task PermissionRoutes_WithoutPermission_Return403Problem()
    {
        // A member of the pair with every permission except the one each route needs.
        var forbidden = new (HttpMethod, string, string?, string)[]
        {
            (HttpMethod.Post, "/tenants", """{"name":"X","region":"us-east"}""", Permissions.Setup),
            (HttpMethod.Post, "/tenant-pairs", """{"primaryTenantId":"a","bcpTenantId":"b"}""", Permissions.Setup),
            (HttpMethod.Put, $"/tenant-pairs/{_pair.PairId}/active-side", """{"side":"bcp","passkey":"WRONG"}""", Permissions.ActivationEdit),
            (HttpMethod.Post, $"/tenant-pairs/{_pair.PairId}/passkey/rotate", null, Permissions.Setup),
        };
        foreach (var (method, path, body, needed) in forbidden)
        {
            var others = Permissions.All.Where(permission => permission != needed && permission != Permissions.Setup).ToArray();
            var token = ApiHost.Token(_pair.PrimaryTenantId, "member", others);
            await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, token), HttpStatusCode.Forbidden);
        }

        var status = await BcpClient.GetStatusAsync(_host.ClientFor(_pair.PrimaryTenantId, "member"), _pair.PairId);
        Assert.AreEqual(0, status.Epoch);
    }

    [TestMethod]
    public async Task PairAndTenantRoutes_FromAnotherTenant_Return404Problem()
    {
        var outsider = ApiHost.Token(_otherPair.PrimaryTenantId, "outsider", Permissions.ActivationEdit);
        var hidden = new (HttpMethod, string, string?)[]
        {
            (HttpMethod.Get, $"/tenants/{_pair.PrimaryTenantId}", null),
            (HttpMethod.Get, $"/tenant-pairs/{_pair.PairId}", null),
            (HttpMethod.Put, $"/tenant-pairs/{_pair.PairId}/active-side", $$"""{"side":"bcp","passkey":"{{_pair.Passkey}}"}"""),
            (HttpMethod.Get, $"/tenant-pairs/{_pair.PairId}/audit", null),
        };
        foreach (var (method, path, body) in hidden)
        {
            await BcpClient.ReadProblemAsync(await SendAsync(method, path, body, outsider), HttpStatusCode.NotFound);
        }

        // The outsider's right passkey for another pair switched nothing.
        var status = await BcpClient.GetStatusAsync(_host.ClientFor(_pair.PrimaryTenantId, "member"), _pair.PairId);
        Assert.AreEqual(0, status.Epoch);
    }

    [TestMethod]
    public async Task Me_ShowsAccountNameAndWhetherTenantIsBcp()
    {
        using var primaryUser = _host.ClientFor(_pair.PrimaryTenantId, "agent-1");
        using var bcpUser = _host.ClientFor(_pair.BcpTenantId, "agent-1");

        var primary = System.Text.Json.JsonDocument.Parse(await primaryUser.GetStringAsync("/me")).RootElement;
        var bcp = System.Text.Json.JsonDocument.Parse(await bcpUser.GetStringAsync("/me")).RootElement;

        Assert.AreEqual(("Classics Inc.", false), (primary.GetProperty("accountName").GetString(), primary.GetProperty("isBcpTenant").GetBoolean()));
        Assert.AreEqual(("Classics Inc. BCP", true), (bcp.GetProperty("accountName").GetString(), bcp.GetProperty("isBcpTenant").GetBoolean()));
        Assert.AreEqual(_pair.PairId, bcp.GetProperty("pairId").GetString());
    }

    [TestMethod]
    public async Task ProductionHost_WithOnlyDevelopmentKey_RefusesToStart()
    {
        using var folder = new TempFolder();
        var settings = new Dictionary<string, string?> { ["Auth:DevelopmentSigningKey"] = ApiHost.SigningKey };

        var error = await Assert.ThrowsExactlyAsync<InvalidOperationException>(
            () => ApiHost.StartWithoutTestKeyAsync(StoreSetup.Sqlite(folder.File("bcp.db")), settings));

        StringAssert.Contains(error.Message, "No token signing key");
    }

    private static async Task<HttpResponseMessage> MeAsync(ApiHost host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Client.SendAsync(request);
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

        return _host.Client.SendAsync(request);
    }
}
