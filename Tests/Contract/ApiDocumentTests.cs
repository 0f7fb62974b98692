using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>The API document: committed as served, and complete where the contract says it must be (docs/api.md).</summary>
[TestClass]
public sealed partial class ApiDocumentTests
{
    private static readonly JsonNode Document = ApiDocument.Committed();

    [TestMethod]
    public async Task ServedDocument_IsTheCommittedFile()
    {
        using var folder = new TempFolder();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")), environment: Environments.Development);
        var served = ApiDocument.Format(await ApiDocument.FetchAsync(host.Client));
        if (Environment.GetEnvironmentVariable(ApiDocument.UpdateVariable) == "1")
        {
            await File.WriteAllTextAsync(ApiDocument.CommittedPath, served);
            return;
        }

        var committed = (await File.ReadAllTextAsync(ApiDocument.CommittedPath)).ReplaceLineEndings("\n");
        if (served != committed)
        {
            var servedLines = served.Split('\n');
            var committedLines = committed.Split('\n');
            var line = servedLines.Zip(committedLines).TakeWhile(pair => pair.First == pair.Second).Count();
            Assert.Fail($"docs/openapi.json is not what the API serves; run the tests with {ApiDocument.UpdateVariable}=1 to rewrite it. "
                + $"First difference at line {line + 1}: served `{servedLines.ElementAtOrDefault(line)}`, committed `{committedLines.ElementAtOrDefault(line)}`.");
        }
    }

    [TestMethod]
    public async Task Document_IsServedInDevelopmentOnly()
    {
        using var folder = new TempFolder();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")));
        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Client.GetAsync(ApiDocument.ServedPath)).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await host.Client.GetAsync("/docs/")).StatusCode);
    }

    [TestMethod]
    public async Task ReferencePage_ServesScalarFromThisServer()
    {
        using var folder = new TempFolder();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")), environment: Environments.Development);
        var page = await host.Client.GetStringAsync("/docs/");
        StringAssert.Contains(page, "<script src=\"scalar.js\"></script>");
        Assert.IsFalse(HttpUrl().IsMatch(page), "the page loads nothing from another host: " + page);
        var script = await host.Client.GetAsync("/docs/scalar.js");
        Assert.AreEqual(HttpStatusCode.OK, script.StatusCode);
        Assert.IsTrue((await script.Content.ReadAsByteArrayAsync()).Length > 100_000, "Scalar's bundled script");
    }

    [TestMethod]
    public void EveryOperation_HasAnIdSummaryDescriptionAndTag()
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, operation) in Operations())
        {
            var id = operation["operationId"]?.GetValue<string>();
            Assert.IsNotNull(id, name);
            Assert.IsTrue(CamelCase().IsMatch(id), $"{name}: operationId '{id}' is camelCase");
            Assert.IsTrue(ids.Add(id), $"{name}: operationId '{id}' is unique");
            Assert.IsFalse(string.IsNullOrWhiteSpace(operation["summary"]?.GetValue<string>()), $"{name} has a summary");
            Assert.IsFalse(string.IsNullOrWhiteSpace(operation["description"]?.GetValue<string>()), $"{name} has a description");
            Assert.IsTrue(operation["tags"]?.AsArray().Count > 0, $"{name} has a tag");
        }
    }

    [TestMethod]
    public void Security_IsBearerExceptForHealth()
    {
        var anonymous = new[] { "getAlive", "getHealth", "getMetrics" };
        foreach (var (name, operation) in Operations())
        {
            var security = operation["security"]!.AsArray();
            if (anonymous.Contains(operation["operationId"]!.GetValue<string>()))
            {
                Assert.AreEqual(0, security.Count, $"{name}: security: []");
            }
            else
            {
                Assert.AreEqual("""[{"bearer":[]}]""", security.ToJsonString(), name);
                Assert.IsNotNull(operation["responses"]!["401"], $"{name} documents 401");
            }
        }

        Assert.AreEqual("bearer", Document["components"]!["securitySchemes"]!["bearer"]!["scheme"]!.GetValue<string>());
        Assert.AreEqual("JWT", Document["components"]!["securitySchemes"]!["bearer"]!["bearerFormat"]!.GetValue<string>());
    }

    [TestMethod]
    [DataRow("createPair", """["bcp.setup"]""", "Needs the permission `bcp.setup`.")]
    [DataRow("switchActiveSide", """["bcp.activation.edit","bcp.setup"]""", "Needs one of the permissions `bcp.activation.edit`, `bcp.setup`.")]
    [DataRow("updateSyncSettings", """["bcp.sync.edit"]""", "Needs the permission `bcp.sync.edit`.")]
    [DataRow("uploadBcpTypes", """["bcp.access.edit"]""", "Needs the permission `bcp.access.edit`.")]
    [DataRow("replacePointOfContact", """["tenant.config.edit"]""", "Needs the permission `tenant.config.edit`.")]
    [DataRow("routeVoice", """["bcp.login.read"]""", "Needs the permission `bcp.login.read`.")]
    [DataRow("getPair", "[]", "Any valid token")]
    [DataRow("getAlive", "[]", "No token needed.")]
    public void Permissions_AreTheEndpointsPolicies(string operationId, string permissions, string sentence)
    {
        var operation = Operation(operationId);
        Assert.AreEqual(permissions, operation["x-permissions"]!.ToJsonString());
        StringAssert.Contains(operation["description"]!.GetValue<string>(), sentence);
        var forbidden = operation["responses"]!["403"];
        Assert.AreEqual(permissions != "[]", forbidden is not null && Problems(forbidden).Contains("/problems/permission-required"), "403 permission-required where a permission is needed");
    }

    [TestMethod]
    [DataRow("getAudit", "limit", 1, 500)]
    [DataRow("listSyncRuns", "limit", 1, 50)]
    [DataRow("listSkills", "pageSize", 1, 1000)]
    public void Numbers_AreBoundedIntegers(string operationId, string name, int minimum, int maximum)
    {
        var schema = Parameter(operationId, name)["schema"]!;
        Assert.AreEqual("integer", schema["type"]!.GetValue<string>());
        Assert.AreEqual(minimum, schema["minimum"]!.GetValue<int>());
        Assert.AreEqual(maximum, schema["maximum"]!.GetValue<int>());
    }

    [TestMethod]
    [DataRow("getLoginOptions", "username")]
    [DataRow("routeVoice", "address")]
    public void Lookups_RequireTheirQuery(string operationId, string name) =>
        Assert.IsTrue(Parameter(operationId, name)["required"]!.GetValue<bool>());

    [TestMethod]
    public void RequestFields_ThatMayBeLeftOut_AreOptional()
    {
        var switchRequest = Schema("SwitchRequest");
        Assert.AreEqual("""["side"]""", switchRequest["required"]!.ToJsonString());
        Assert.AreEqual("#/components/schemas/PairRole", switchRequest["properties"]!["side"]!["$ref"]!.GetValue<string>(), "side is not nullable");
        Assert.AreEqual("""["enabled"]""", Schema("SyncSettingsRequest")["required"]!.ToJsonString());
        Assert.AreEqual("boolean", Schema("SyncSettingsRequest")["properties"]!["enabled"]!["type"]!.GetValue<string>());
    }

    [TestMethod]
    public void NullableEnum_AcceptsNullExactlyOnce()
    {
        var validator = new OpenApiResponseValidator(Document);
        var tenant = """{"tenantId":"0123456789abcdef0123456789abcdef","name":"A","region":"us-east","pairId":null,"role":ROLE,"createdAt":"2026-01-01T00:00:00Z"}""";
        Assert.AreEqual(0, validator.CheckSchema("/components/schemas/TenantResponse", Json(tenant.Replace("ROLE", "null"))).Count);
        Assert.AreEqual(0, validator.CheckSchema("/components/schemas/TenantResponse", Json(tenant.Replace("ROLE", "\"bcp\""))).Count);
        Assert.AreNotEqual(0, validator.CheckSchema("/components/schemas/TenantResponse", Json(tenant.Replace("ROLE", "\"neither\""))).Count);
        Assert.AreNotEqual(0, validator.CheckSchema("/components/schemas/PairRole", Json("null")).Count, "PairRole itself is not nullable");
    }

    [TestMethod]
    public void WritesThatReadTheirBody_DocumentIt()
    {
        Assert.AreEqual("#/components/schemas/SkillInput", Body("createSkill", "application/json")["$ref"]!.GetValue<string>());
        Assert.AreEqual("#/components/schemas/UserInput", Body("replaceUser", "application/json")["$ref"]!.GetValue<string>());
        Assert.AreEqual("#/components/schemas/BusinessUnitSettingsInput", Body("putBusinessUnitSettings", "application/json")["$ref"]!.GetValue<string>());
        Assert.AreEqual("#/components/schemas/BcpTypeChange", Body("setUserBcpType", "application/json")["$ref"]!.GetValue<string>());
        Assert.AreEqual("#/components/schemas/BcpTypeCsv", Body("uploadBcpTypes", "text/csv")["$ref"]!.GetValue<string>());
        Assert.AreEqual("""["name","channel","address"]""", Schema("PointOfContactInput")["required"]!.ToJsonString());
        Assert.AreEqual("""["userId"]""", Schema("AgentSettingsInput")["required"]!.ToJsonString());
    }

    [TestMethod]
    public void BusinessUnitSettings_DocumentsOnlyGetAndPut()
    {
        var methods = Document["paths"]!["/tenants/{tenantId}/business-unit-settings"]!.AsObject().Select(method => method.Key).Order();
        Assert.AreEqual("get,put", string.Join(",", methods));
        Assert.IsNull(Document["paths"]!["/tenants/{tenantId}/{type}"], "the {type} routes are shown per type");
    }

    [TestMethod]
    public async Task Validator_FailsAnUndocumentedStatus()
    {
        var validator = new OpenApiResponseValidator(Document);
        var errors = await validator.CheckAsync(Response(HttpMethod.Get, "/me", HttpStatusCode.Conflict, """{"type":"/problems/conflict","title":"x","status":409}""", "application/problem+json"));
        Assert.AreEqual(1, errors.Count, string.Join("; ", errors));
        StringAssert.Contains(errors[0], "status 409 is not documented");
    }

    [TestMethod]
    public async Task Validator_FailsABodyThatDoesNotMatch()
    {
        var validator = new OpenApiResponseValidator(Document);
        var wrongField = await validator.CheckAsync(Response(HttpMethod.Get, "/me", HttpStatusCode.OK, """{"userId":"u"}""", "application/json"));
        StringAssert.Contains(string.Join("; ", wrongField), "Required properties");
        var wrongType = await validator.CheckAsync(Response(HttpMethod.Get, "/me", HttpStatusCode.NotFound,
            """{"type":"/problems/not-found","title":"x","status":404}""", "application/problem+json"));
        Assert.AreNotEqual(0, wrongType.Count, "404 of getMe is tenant-not-found only");
        var wrongContentType = await validator.CheckAsync(Response(HttpMethod.Get, "/me", HttpStatusCode.OK, "hello", "text/plain"));
        StringAssert.Contains(string.Join("; ", wrongContentType), "content type text/plain is not documented");
        var undocumented = await validator.CheckAsync(Response(HttpMethod.Delete, "/me", HttpStatusCode.MethodNotAllowed, "", null));
        StringAssert.Contains(string.Join("; ", undocumented), "is no documented operation");
    }

    [TestMethod]
    public async Task Validator_PassesADocumentedAnswer_AndFindsLiteralPathsFirst()
    {
        var validator = new OpenApiResponseValidator(Document);
        var errors = await validator.CheckAsync(Response(HttpMethod.Post, "/tenants/0123456789abcdef0123456789abcdef/users/bcp-types", HttpStatusCode.BadRequest,
            """{"type":"/problems/csv-invalid","title":"x","status":400,"invalidRows":[{"line":2,"error":"bad-type","detail":"d"}]}""", "application/problem+json"));
        Assert.AreEqual(0, errors.Count, string.Join("; ", errors));
        Assert.AreEqual("uploadBcpTypes", validator.Find("POST", new Uri("http://x/tenants/t/users/bcp-types"))!.OperationId);
        Assert.AreEqual("replaceUser", validator.Find("PUT", new Uri("http://x/tenants/t/users/u"))!.OperationId);
        Assert.AreEqual("setUserBcpType", validator.Find("PUT", new Uri("http://x/tenants/t/users/u/bcp-type"))!.OperationId);
        Assert.AreEqual("putBusinessUnitSettings", validator.Find("PUT", new Uri("http://x/tenants/t/business-unit-settings"))!.OperationId);
    }

    private static HttpResponseMessage Response(HttpMethod method, string path, HttpStatusCode status, string body, string? contentType) => new(status)
    {
        RequestMessage = new HttpRequestMessage(method, new Uri(new Uri("http://127.0.0.1/"), path)),
        Content = contentType is null ? new ByteArrayContent([]) : new StringContent(body, Encoding.UTF8, contentType),
    };

    private static IEnumerable<(string Name, JsonObject Operation)> Operations() =>
        Document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(method => ($"{method.Key.ToUpperInvariant()} {path.Key}", method.Value!.AsObject())));

    private static JsonObject Operation(string operationId) =>
        Operations().Single(operation => operation.Operation["operationId"]?.GetValue<string>() == operationId).Operation;

    private static JsonNode Parameter(string operationId, string name) =>
        Operation(operationId)["parameters"]!.AsArray().Single(parameter => parameter!["name"]!.GetValue<string>() == name)!;

    private static JsonNode Body(string operationId, string contentType) => Operation(operationId)["requestBody"]!["content"]![contentType]!["schema"]!;

    private static JsonNode Schema(string name) => Document["components"]!["schemas"]![name]!;

    /// <summary>The problem types a (shared) problem response lists.</summary>
    private static IReadOnlyList<string> Problems(JsonNode response)
    {
        var name = response["$ref"]!.GetValue<string>().Split('/')[^1];
        var schema = Document["components"]!["responses"]![name]!["content"]!["application/problem+json"]!["schema"]!;
        return [.. schema["properties"]!["type"]!["enum"]!.AsArray().Select(type => type!.GetValue<string>())];
    }

    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement.Clone();

    [GeneratedRegex("^[a-z][a-zA-Z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex("(src|href)=\"(https?:)?//")]
    private static partial Regex HttpUrl();
}
