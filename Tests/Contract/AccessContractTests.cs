using System.Net;
using System.Net.Http.Json;
using System.Text;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Users' BCP types, one or many, and their counts answer as the API document says; so do login options and voice routing.</summary>
[TestClass]
public sealed class AccessContractTests
{
    public static readonly string[] Tags = ["User access", "Login", "Routing"];

    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task AccessLoginAndRouting_AnswerAsDocumented()
    {
        var pair = _fixture.Pair;
        var tenant = pair.PrimaryTenantId;
        var admin = _fixture.Client(tenant, "admin-1", Permissions.AccessEdit, Permissions.TenantConfigEdit);
        var user = (await ContractFixture.ReadAsync(await admin.PostAsJsonAsync($"/tenants/{tenant}/users", new { username = "katrina@classics.example" }), HttpStatusCode.Created))["id"]!.GetValue<string>();
        await admin.PostAsJsonAsync($"/tenants/{tenant}/users", new { username = "brom@classics.example" });
        await admin.PostAsJsonAsync($"/tenants/{tenant}/points-of-contact", new { name = "Sales", channel = "voice", address = "+14155550100" });

        var bcpType = $"/tenants/{tenant}/users/{user}/bcp-type";
        Assert.AreEqual("multiple", (await ContractFixture.ReadAsync(await admin.PutAsJsonAsync(bcpType, new { bcpType = "multiple" }), HttpStatusCode.OK))["bcpType"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await admin.PutAsJsonAsync(bcpType, new { bcpType = "all" }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.PutAsJsonAsync($"/tenants/{tenant}/users/{UnknownId}/bcp-type", new { bcpType = "single" }), HttpStatusCode.NotFound, "not-found");
        await ContractFixture.ProblemAsync(await admin.PutAsync(bcpType, new StringContent("single", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");

        var upload = $"/tenants/{tenant}/users/bcp-types";
        var applied = await ContractFixture.ReadAsync(await admin.PostAsync(upload, Csv("username,bcpType\nkatrina@classics.example,single\nbrom@classics.example,none\n")), HttpStatusCode.OK);
        Assert.AreEqual(1, applied["applied"]!.GetValue<int>());
        var invalid = await ContractFixture.ProblemAsync(await admin.PostAsync(upload, Csv("username,bcpType\nnobody@classics.example,single\nbrom@classics.example,all\n")),
            HttpStatusCode.BadRequest, "csv-invalid");
        Assert.AreEqual(2, invalid["invalidRows"]!.AsArray().Count);
        await ContractFixture.ProblemAsync(await admin.PostAsync(upload, new ByteArrayContent([0xFF, 0xFE]) { Headers = { ContentType = new("text/csv") } }),
            HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.PostAsync(upload, new StringContent("username,bcpType\n", Encoding.UTF8, "application/json")),
            HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await ContractFixture.ProblemAsync(await admin.PostAsync($"/tenants/{UnknownId}/users/bcp-types", Csv("username,bcpType\n")), HttpStatusCode.NotFound, "not-found");

        var counts = await ContractFixture.ReadAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/bcp-access"), HttpStatusCode.OK);
        Assert.IsNotNull(counts.ToJsonString());
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}/bcp-access"), HttpStatusCode.NotFound, "not-found");

        var login = _fixture.Client("platform", "login-service", Permissions.LoginRead);
        await ContractFixture.ReadAsync(await login.GetAsync("/login/options?username=katrina%40classics.example"), HttpStatusCode.OK);
        await ContractFixture.ProblemAsync(await login.GetAsync("/login/options"), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await login.GetAsync("/login/options?username=nobody%40classics.example"), HttpStatusCode.NotFound, "user-unknown");

        await ContractFixture.ReadAsync(await login.GetAsync("/routing/voice?address=%2B14155550100"), HttpStatusCode.OK);
        await ContractFixture.ProblemAsync(await login.GetAsync("/routing/voice?address=+14155550100"), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await login.GetAsync("/routing/voice?address=%2B14155550111"), HttpStatusCode.NotFound, "poc-unknown");

        _fixture.AssertCovered(Tags);
    }

    private static StringContent Csv(string text) => new(text, Encoding.UTF8, "text/csv");
}
