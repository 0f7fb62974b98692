using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Config;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Every entity type's routes, and the business-unit settings, answer as the API document says.</summary>
[TestClass]
public sealed class ConfigContractTests
{
    public static readonly string[] Tags = ["Tenant configuration"];

    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task EveryEntityTypeAndTheSettings_AnswerAsDocumented()
    {
        var tenant = _fixture.Pair.PrimaryTenantId;
        var admin = _fixture.Client(tenant, "admin-1", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        foreach (var type in ConfigSamples.CollectionTypes)
        {
            var (create, replace) = await ConfigSamples.BodiesAsync(admin, tenant, type);
            var path = $"/tenants/{tenant}/{type}";
            var created = await admin.PostAsync(path, ContractFixture.Json(create.ToJsonString()));
            var id = (await ContractFixture.ReadAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>();
            var etag = created.Headers.ETag!.ToString();

            await ContractFixture.ReadAsync(await admin.GetAsync($"{path}/{id}"), HttpStatusCode.OK);
            await ContractFixture.ReadAsync(await admin.GetAsync($"{path}?pageSize=1"), HttpStatusCode.OK);
            await ContractFixture.ProblemAsync(await admin.GetAsync($"{path}?pageSize=0"), HttpStatusCode.BadRequest, "validation");
            await ContractFixture.ProblemAsync(await admin.GetAsync($"{path}/{UnknownId}"), HttpStatusCode.NotFound, "not-found");
            await ContractFixture.ProblemAsync(await admin.PostAsync(path, ContractFixture.Json("""{"id":"mine"}""")), HttpStatusCode.BadRequest, "validation");
            await ContractFixture.ProblemAsync(await admin.PostAsync(path, new StringContent("name=x", Encoding.UTF8, "text/plain")),
                HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

            var replaced = await ContractFixture.SendAsync(admin, HttpMethod.Put, $"{path}/{id}", ContractFixture.Json(replace.ToJsonString()), etag);
            await ContractFixture.ReadAsync(replaced, HttpStatusCode.OK);
            await ContractFixture.ProblemAsync(await ContractFixture.SendAsync(admin, HttpMethod.Put, $"{path}/{id}", ContractFixture.Json(replace.ToJsonString()), etag),
                HttpStatusCode.PreconditionFailed, "etag-mismatch");
            await ContractFixture.ProblemAsync(await ContractFixture.SendAsync(admin, HttpMethod.Delete, $"{path}/{id}", ifMatch: "not-an-etag"),
                HttpStatusCode.BadRequest, "validation");
            await ContractFixture.ProblemAsync(await ContractFixture.SendAsync(admin, HttpMethod.Delete, $"{path}/{id}", ifMatch: etag),
                HttpStatusCode.PreconditionFailed, "etag-mismatch");
            var deleted = await ContractFixture.SendAsync(admin, HttpMethod.Delete, $"{path}/{id}", ifMatch: replaced.Headers.ETag!.ToString());
            Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
            await ContractFixture.ProblemAsync(await ContractFixture.SendAsync(admin, HttpMethod.Delete, $"{path}/{id}"), HttpStatusCode.NotFound, "not-found");
        }

        await BusinessUnitSettingsAsync();
        _fixture.AssertCovered(Tags);
    }

    [TestMethod]
    public async Task TypeSpecificProblems_AreDocumentedForTheirType()
    {
        var tenant = _fixture.Pair.PrimaryTenantId;
        var admin = _fixture.Client(tenant, "admin-2", Permissions.TenantConfigEdit, Permissions.AccessEdit);
        var configOnly = _fixture.Client(tenant, "admin-3", Permissions.TenantConfigEdit);

        await ContractFixture.ProblemAsync(await admin.PostAsync($"/tenants/{tenant}/users", ContractFixture.Json(new { username = ConfigSamples.UniqueUsername(), roleId = UnknownId })),
            HttpStatusCode.UnprocessableEntity, "reference-not-found");
        await ContractFixture.ProblemAsync(await admin.PostAsync($"/tenants/{tenant}/agent-settings", ContractFixture.Json(new { userId = UnknownId })),
            HttpStatusCode.UnprocessableEntity, "reference-not-found");

        var username = ConfigSamples.UniqueUsername("taken");
        await ContractFixture.ReadAsync(await admin.PostAsync($"/tenants/{tenant}/users", ContractFixture.Json(new { username })), HttpStatusCode.Created);
        await ContractFixture.ProblemAsync(await admin.PostAsync($"/tenants/{tenant}/users", ContractFixture.Json(new { username = username.ToUpperInvariant() })),
            HttpStatusCode.Conflict, "username-taken");
        var denied = await ContractFixture.ProblemAsync(
            await configOnly.PostAsync($"/tenants/{tenant}/users", ContractFixture.Json(new { username = ConfigSamples.UniqueUsername(), bcpType = "single" })),
            HttpStatusCode.Forbidden, "permission-required");
        Assert.AreEqual(Permissions.AccessEdit, denied["permission"]!.GetValue<string>());

        var line = new { name = "Support", channel = "voice", address = "+14155550199" };
        await ContractFixture.ReadAsync(await admin.PostAsync($"/tenants/{tenant}/points-of-contact", ContractFixture.Json(line)), HttpStatusCode.Created);
        await ContractFixture.ProblemAsync(await admin.PostAsync($"/tenants/{tenant}/points-of-contact", ContractFixture.Json(line)), HttpStatusCode.Conflict, "address-taken");

        // Scripts carry up to 1 MiB of content; the 64 KiB limit of every other body stays.
        var large = new { name = "Big", content = new string('x', 100_000) };
        await ContractFixture.ReadAsync(await admin.PostAsync($"/tenants/{tenant}/scripts", ContractFixture.Json(large)), HttpStatusCode.Created);
        await ContractFixture.ProblemAsync(await admin.PostAsync($"/tenants/{tenant}/skills", ContractFixture.Json(new { name = "Big", note = new string('x', 100_000) })),
            HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    private static async Task BusinessUnitSettingsAsync()
    {
        var pair = await _fixture.CreatePairAsync("Settings Corp.");
        var tenant = pair.PrimaryTenantId;
        var admin = _fixture.Client(tenant, "admin-1", Permissions.TenantConfigEdit);
        var path = $"/tenants/{tenant}/business-unit-settings";
        await ContractFixture.ProblemAsync(await admin.GetAsync(path), HttpStatusCode.NotFound, "not-found");
        var created = await ContractFixture.SendAsync(admin, HttpMethod.Put, path, ContractFixture.Json(new { timeZone = "Europe/Berlin" }));
        Assert.AreEqual("settings", (await ContractFixture.ReadAsync(created, HttpStatusCode.Created))["id"]!.GetValue<string>());
        var replaced = await ContractFixture.SendAsync(admin, HttpMethod.Put, path, ContractFixture.Json(new { timeZone = "UTC" }), created.Headers.ETag!.ToString());
        await ContractFixture.ReadAsync(replaced, HttpStatusCode.OK);
        await ContractFixture.ProblemAsync(await ContractFixture.SendAsync(admin, HttpMethod.Put, path, ContractFixture.Json(new { timeZone = "UTC" }), created.Headers.ETag!.ToString()),
            HttpStatusCode.PreconditionFailed, "etag-mismatch");
        await ContractFixture.ProblemAsync(await ContractFixture.SendAsync(admin, HttpMethod.Put, path, ContractFixture.Json("[1]")), HttpStatusCode.BadRequest, "validation");
        Assert.AreEqual("UTC", (await ContractFixture.ReadAsync(await admin.GetAsync(path), HttpStatusCode.OK))["timeZone"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await _fixture.Client(pair.BcpTenantId, "outsider").GetAsync(path), HttpStatusCode.NotFound, "not-found");

        // Not documented (a path's unlisted method is not allowed), and answered so: 405 with Allow.
        using var raw = _fixture.Host.ClientFor(tenant, "admin-1", Permissions.TenantConfigEdit);
        var post = await raw.PostAsync(path, ContractFixture.Json(new JsonObject()));
        await ContractFixture.ProblemAsync(post, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        Assert.AreEqual("GET, PUT", string.Join(", ", post.Content.Headers.Allow));
    }
}
