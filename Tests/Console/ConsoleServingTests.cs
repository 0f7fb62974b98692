using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>The Api serves the console itself, and in Development only mints sign-in tokens for it (POST /dev/tokens).</summary>
[TestClass]
public sealed class ConsoleServingTests
{
    private static ConsoleFixture _development = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _development = await ConsoleFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _development.DisposeAsync();

    [TestMethod]
    public async Task Root_ServesThePageItsScriptAndStyle_FromTheAssembly()
    {
        var client = _development.Host.Client;
        var page = await client.GetAsync("/");
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        Assert.AreEqual("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();
        StringAssert.Contains(html, "<script type=\"module\" src=\"/app.js\">");
        var policy = string.Join(" ", page.Headers.GetValues("Content-Security-Policy"));
        StringAssert.Contains(policy, "script-src 'self'");
        StringAssert.Contains(policy, "frame-ancestors 'none'");

        var script = await client.GetAsync("/app.js");
        Assert.AreEqual(HttpStatusCode.OK, script.StatusCode);
        Assert.AreEqual("text/javascript", script.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(await script.Content.ReadAsStringAsync(), "/dev/tokens");
        var style = await client.GetAsync("/app.css");
        Assert.AreEqual("text/css", style.Content.Headers.ContentType?.MediaType);

        using var again = new HttpRequestMessage(HttpMethod.Get, "/app.js");
        again.Headers.IfNoneMatch.Add(script.Headers.ETag!);
        Assert.AreEqual(HttpStatusCode.NotModified, (await client.SendAsync(again)).StatusCode, "revalidated by ETag");
    }

    [TestMethod]
    public async Task DevTokens_InDevelopment_MintsATokenTheApiAccepts()
    {
        using var operatorClient = _development.Host.ClientFor("ops", "operator-1", Permissions.Setup);
        var tenant = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");

        var response = await _development.Host.Client.PostAsJsonAsync("/dev/tokens",
            new { tenantId = tenant, userId = "admin-1", permissions = new[] { Permissions.ActivationEdit, Permissions.SyncEdit } });

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        var minted = await response.Content.ReadFromJsonAsync<JsonElement>();
        var expiresAt = minted.GetProperty("expiresAt").GetDateTimeOffset();
        Assert.IsTrue(expiresAt > DateTimeOffset.UtcNow.AddHours(7) && expiresAt <= DateTimeOffset.UtcNow.AddHours(8).AddMinutes(1), $"expires {expiresAt:O}");
        using var me = new HttpRequestMessage(HttpMethod.Get, "/me");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", minted.GetProperty("token").GetString());
        var profile = await _development.Host.Client.SendAsync(me);
        Assert.AreEqual(HttpStatusCode.OK, profile.StatusCode, await profile.Content.ReadAsStringAsync());
        var body = await profile.Content.ReadFromJsonAsync<JsonElement>();
        Assert.AreEqual(("admin-1", "Classics Inc."), (body.GetProperty("userId").GetString(), body.GetProperty("accountName").GetString()));
        CollectionAssert.AreEqual(new[] { Permissions.ActivationEdit, Permissions.SyncEdit },
            body.GetProperty("permissions").EnumerateArray().Select(p => p.GetString()).ToArray());
    }

    [TestMethod]
    public async Task DevTokens_UnknownPermission_Is400ListingTheKnownOnes()
    {
        var response = await _development.Host.Client.PostAsJsonAsync("/dev/tokens",
            new { tenantId = "ops", userId = "operator-1", permissions = new[] { "bcp.setup", "bcp.stup" } });

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.AreEqual("/problems/validation", problem.GetProperty("type").GetString());
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "'bcp.stup'");
        CollectionAssert.AreEqual(Permissions.All.ToArray(),
            problem.GetProperty("knownPermissions").EnumerateArray().Select(p => p.GetString()).ToArray());
    }

    [TestMethod]
    [DataRow("""{"userId":"u","permissions":[]}""", "tenantId")]
    [DataRow("""{"tenantId":"t","userId":" ","permissions":[]}""", "userId")]
    [DataRow("""{"tenantId":"t","userId":"u","permissions":[null]}""", "permissions")]
    public async Task DevTokens_BadRequest_Is400NamingTheField(string body, string field)
    {
        var response = await _development.Host.Client.PostAsync("/dev/tokens", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [TestMethod]
    public async Task DevTokens_AreNotInTheApiDocument()
    {
        var document = await _development.Host.Client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.IsFalse(document.GetProperty("paths").TryGetProperty("/dev/tokens", out _), "a Development aid, not part of the contract");
        Assert.IsTrue(document.GetProperty("paths").TryGetProperty("/me", out _));
    }

    [TestMethod]
    public async Task DevTokens_OutsideDevelopment_AreNotMapped_TheConsoleIsServed()
    {
        using var folder = new TempFolder();
        await using var production = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")));

        var response = await production.Client.PostAsJsonAsync("/dev/tokens", new { tenantId = "ops", userId = "operator-1", permissions = new[] { "bcp.setup" } });

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.AreEqual(HttpStatusCode.OK, (await production.Client.GetAsync("/")).StatusCode, "the console is the product's: served everywhere, signed in with a bearer token");
    }
}
