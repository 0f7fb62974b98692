using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>Input a client chose is a 4xx problem and writes nothing — never a 500.</summary>
[TestClass]
public sealed class BadInputTests
{
    private static readonly TempFolder Folder = new();
    private static ApiHost _host = null!;
    private static TestPair _pair = null!;
    private static HttpClient _operator = null!;
    private static HttpClient _admin = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _host = await ApiHost.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));
        _pair = await BcpClient.CreatePairAsync(_host);
        _operator = _host.ClientFor("ops", "operator-1", Permissions.Setup);
        _admin = _host.ClientFor(_pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        _operator.Dispose();
        _admin.Dispose();
        await _host.DisposeAsync();
        Folder.Dispose();
    }

    public static IEnumerable<object[]> BadBodies() =>
    [
        ["malformed JSON", "/tenants", "{\"name\": \"X\", ", "application/json", 400],
        ["JSON array instead of object", "/tenants", "[1,2,3]", "application/json", 400],
        ["wrong type", "/tenants", "{\"name\": 42, \"region\": \"us-east\"}", "application/json", 400],
        ["missing name", "/tenants", "{\"region\": \"us-east\"}", "application/json", 400],
        ["bad region", "/tenants", "{\"name\": \"X\", \"region\": \"../etc\"}", "application/json", 400],
        ["control characters in name", "/tenants", "{\"name\": \"a\\u0000b\", \"region\": \"us-east\"}", "application/json", 400],
        ["huge name", "/tenants", $"{{\"name\": \"{new string('x', 5000)}\", \"region\": \"us-east\"}}", "application/json", 400],
        ["deep nesting", "/tenants", new string('[', 200) + new string(']', 200), "application/json", 400],
        ["oversize body", "/tenants", $"{{\"name\": \"{new string('x', 100_000)}\", \"region\": \"us-east\"}}", "application/json", 413],
        ["wrong content type", "/tenants", "name=X", "text/plain", 415],
        ["empty body", "/tenants", "", "application/json", 400],
        ["pair with unknown ids", "/tenant-pairs", "{\"primaryTenantId\": \"nope\", \"bcpTenantId\": \"nada\"}", "application/json", 422],
        ["pair with itself", "/tenant-pairs", "{\"primaryTenantId\": \"abc\", \"bcpTenantId\": \"abc\"}", "application/json", 400],
        ["pair with traversal id", "/tenant-pairs", "{\"primaryTenantId\": \"../x\", \"bcpTenantId\": \"abc\"}", "application/json", 400],
    ];

    [TestMethod]
    [DynamicData(nameof(BadBodies))]
    public async Task Post_BadBody_ReturnsProblemAndWritesNothing(string why, string path, string body, string contentType, int expected)
    {
        var before = await SnapshotAsync();

        var response = await _operator.PostAsync(path, new StringContent(body, Encoding.UTF8, contentType));

        await BcpClient.ReadProblemAsync(response, (HttpStatusCode)expected);
        StoreSnapshot.AssertUnchanged(before, await SnapshotAsync());
        Assert.IsNotNull(why);
    }

    [TestMethod]
    public async Task Post_InvalidUtf8_Returns400AndWritesNothing()
    {
        var before = await SnapshotAsync();
        var bytes = new byte[] { (byte)'{', (byte)'"', (byte)'n', (byte)'a', (byte)'m', (byte)'e', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)'}' };
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        await BcpClient.ReadProblemAsync(await _operator.PostAsync("/tenants", content), HttpStatusCode.BadRequest);

        StoreSnapshot.AssertUnchanged(before, await SnapshotAsync());
    }

    public static IEnumerable<object[]> BadSwitchBodies() =>
    [
        ["unknown enum value", "{\"side\": \"sideways\", \"passkey\": \"X\"}"],
        ["enum as number", "{\"side\": 1, \"passkey\": \"X\"}"],
        ["missing side", "{\"passkey\": \"X\"}"],
        ["null side", "{\"side\": null, \"passkey\": \"X\"}"],
        ["missing passkey", "{\"side\": \"bcp\"}"],
        ["huge passkey", $"{{\"side\": \"bcp\", \"passkey\": \"{new string('A', 10_000)}\"}}"],
        ["malformed", "{\"side\": \"bcp\""],
    ];

    [TestMethod]
    [DynamicData(nameof(BadSwitchBodies))]
    public async Task Switch_BadBody_Returns400AndWritesNothing(string why, string body)
    {
        var before = await SnapshotAsync();

        var response = await _admin.PutAsync($"/tenant-pairs/{_pair.PairId}/active-side", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.IsTrue(problem.TryGetProperty("type", out _), why);
        StoreSnapshot.AssertUnchanged(before, await SnapshotAsync());
    }

    public static IEnumerable<object[]> UnreadableBodies() =>
    [
        ["PUT", "/tenant-pairs/{pairId}/active-side", "{\"side\": 5, \"passkey\": \"X\"}", "$.side", "line 1, byte 11"],
        ["PUT", "/tenant-pairs/{pairId}/active-side", "{\"side\": \"sideways\", \"passkey\": \"X\"}", "$.side", "primary, bcp"],
        ["PUT", "/tenant-pairs/{pairId}/active-side", "{\n  \"side\": \"bcp\",\n  \"passkey\": [1]\n}", "$.passkey", "line 3"],
        ["PUT", "/tenant-pairs/{pairId}/active-side", "{\"side\": \"bcp\"", "$", "not valid JSON"],
        ["PUT", "/tenant-pairs/{pairId}/active-side", "", "$", "The body is required"],
        ["PUT", "/tenant-pairs/{pairId}/sync", "", "$", "The body is required"],
        ["PUT", "/tenant-pairs/{pairId}/sync", "{\"enabled\": \"yes\"}", "$.enabled", "line 1"],
        ["POST", "/tenants", "", "$", "The body is required"],
        ["POST", "/tenants", "{\"name\": [], \"region\": \"us-east\"}", "$.name", "line 1"],
        ["POST", "/tenant-pairs/{pairId}/webhooks", "{\"url\": 5}", "$.url", "line 1"],
    ];

    [TestMethod]
    [DynamicData(nameof(UnreadableBodies))]
    public async Task UnreadableBody_NamesTheFieldAndPosition_NeverAParameterOrType(string method, string path, string body, string field, string says)
    {
        using var syncEditor = _host.ClientFor(_pair.PrimaryTenantId, "sync-editor", Permissions.SyncEdit);
        var client = path.EndsWith("/sync", StringComparison.Ordinal) ? syncEditor : path.StartsWith("/tenant-pairs", StringComparison.Ordinal) ? _admin : _operator;
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{pairId}", _pair.PairId, StringComparison.Ordinal))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        var problem = await BcpClient.ReadProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest);

        Assert.AreEqual("/problems/bad-request", problem.GetProperty("type").GetString());
        var detail = problem.GetProperty("detail").GetString()!;
        StringAssert.Contains(detail, says);
        var errors = problem.GetProperty("errors");
        Assert.IsTrue(errors.TryGetProperty(field, out _), $"errors names {field}: {errors}");
        foreach (var leak in new[] { "parameter", "Request", "Orleans.", "Implicit", "Service", "System." })
        {
            Assert.DoesNotContain(leak, detail + errors, $"{path}: {detail}");
        }
    }

    [TestMethod]
    [DataRow("abc")]
    [DataRow("0")]
    [DataRow("100000")]
    [DataRow("-1")]
    public async Task Audit_BadLimit_Returns400(string limit)
    {
        var response = await _admin.GetAsync($"/tenant-pairs/{_pair.PairId}/audit?limit={limit}");

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [TestMethod]
    [DataRow("/tenant-pairs/..%2F..%2Fgrains")]
    [DataRow("/tenant-pairs/UPPER")]
    [DataRow("/tenants/..%2Fpair")]
    public async Task Get_MalformedId_Returns404Problem(string path)
    {
        await BcpClient.ReadProblemAsync(await _operator.GetAsync(path), HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Get_NulInPath_IsRejectedByTheServerWith400()
    {
        // Kestrel refuses such a request line itself, before any endpoint runs: a bare 400 that no operation of the
        // API document answers, so a client that checks answers against the document is not the one to ask.
        using var raw = new HttpClient { BaseAddress = _host.BaseAddress };
        raw.DefaultRequestHeaders.Authorization = _operator.DefaultRequestHeaders.Authorization;
        Assert.AreEqual(HttpStatusCode.BadRequest, (await raw.GetAsync("/tenant-pairs/%00")).StatusCode);
    }

    private static Task<IReadOnlyDictionary<string, string>> SnapshotAsync() =>
        StoreSnapshot.TakeAsync(_host.Services.GetRequiredService<IObjectStoreProvider>().Get("control"));
}
