using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Health, profile and tenants answer as the API document says, successes and errors alike.</summary>
[TestClass]
public sealed class PlatformContractTests
{
    public static readonly string[] Tags = ["Health", "Profile", "Tenants"];

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task HealthProfileAndTenants_AnswerAsDocumented()
    {
        var anonymous = _fixture.WithToken(null);
        Assert.AreEqual("alive", await (await anonymous.GetAsync("/alive")).Content.ReadAsStringAsync());
        Assert.AreEqual("healthy", (await ContractFixture.ReadAsync(await anonymous.GetAsync("/health"), HttpStatusCode.OK))["status"]!.GetValue<string>());
        StringAssert.Contains(await (await anonymous.GetAsync("/metrics")).Content.ReadAsStringAsync(), "# TYPE");

        var pair = _fixture.Pair;
        var member = _fixture.Client(pair.PrimaryTenantId, "agent-1");
        Assert.AreEqual("Classics Inc.", (await ContractFixture.ReadAsync(await member.GetAsync("/me"), HttpStatusCode.OK))["accountName"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await _fixture.Client("0123456789abcdef0123456789abcdef", "ghost").GetAsync("/me"), HttpStatusCode.NotFound, "tenant-not-found");
        await ContractFixture.ProblemAsync(await anonymous.GetAsync("/me"), HttpStatusCode.Unauthorized, "unauthorized");
        await ContractFixture.ProblemAsync(await _fixture.WithToken("not-a-jwt").GetAsync("/me"), HttpStatusCode.Unauthorized, "unauthorized");

        var tenant = await ContractFixture.ReadAsync(await _fixture.Operator.PostAsJsonAsync("/tenants", new { name = "Solo Ltd.", region = "ap-south" }), HttpStatusCode.Created);
        Assert.IsNull(tenant["role"]?.GetValue<string>(), "an unpaired tenant has no role: null validates");
        await ContractFixture.ProblemAsync(await _fixture.Operator.PostAsJsonAsync("/tenants", new { name = "", region = "us-east" }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await _fixture.Operator.PostAsync("/tenants", ContractFixture.Json("{\"name\":")), HttpStatusCode.BadRequest, "bad-request");
        await ContractFixture.ProblemAsync(await _fixture.Operator.PostAsync("/tenants", new StringContent("name=x", Encoding.UTF8, "text/plain")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await ContractFixture.ProblemAsync(await _fixture.Operator.PostAsync("/tenants", ContractFixture.Json(new { name = new string('a', 70_000), region = "us-east" })),
            HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        var denied = await ContractFixture.ProblemAsync(await member.PostAsJsonAsync("/tenants", new { name = "X", region = "us-east" }), HttpStatusCode.Forbidden, "permission-required");
        Assert.AreEqual(Permissions.Setup, denied["permission"]!.GetValue<string>());

        Assert.AreEqual(pair.PrimaryTenantId, (await ContractFixture.ReadAsync(await member.GetAsync($"/tenants/{pair.PrimaryTenantId}"), HttpStatusCode.OK))["tenantId"]!.GetValue<string>());
        Assert.AreEqual("primary", (await ContractFixture.ReadAsync(await member.GetAsync($"/tenants/{pair.PrimaryTenantId}"), HttpStatusCode.OK))["role"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await member.GetAsync($"/tenants/{tenant["tenantId"]}"), HttpStatusCode.NotFound, "not-found");

        var found = await ContractFixture.ReadAsync(await _fixture.Operator.GetAsync("/tenants?search=solo%20LTD&pageSize=5"), HttpStatusCode.OK);
        Assert.AreEqual(tenant["tenantId"]!.GetValue<string>(), found["items"]![0]!["tenantId"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await _fixture.Operator.GetAsync("/tenants?pageSize=0"), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await member.GetAsync("/tenants?search=solo"), HttpStatusCode.Forbidden, "permission-required");

        _fixture.AssertCovered(Tags);
    }
}
