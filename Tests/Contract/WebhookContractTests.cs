using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Registering, listing and removing webhooks and reading deliveries answer as the API document says.</summary>
[TestClass]
public sealed class WebhookContractTests
{
    public static readonly string[] Tags = ["Webhooks"];

    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    // A public address (TEST-NET-3), accepted in every environment; nothing listens there, so deliveries just retry.
    private const string PublicUrl = "https://203.0.113.10/hooks/bcp";

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Webhooks_AnswerAsDocumented()
    {
        var pair = await _fixture.CreatePairAsync("Webhook Contract Inc.");
        var admin = _fixture.Client(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var webhooks = $"/tenant-pairs/{pair.PairId}/webhooks";

        var created = await ContractFixture.ReadAsync(
            await admin.PostAsJsonAsync(webhooks, new { url = PublicUrl, events = new[] { "switch.succeeded", "sync.failed" } }), HttpStatusCode.Created);
        var webhookId = created["webhookId"]!.GetValue<string>();
        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync(webhooks)).StatusCode);
        await ContractFixture.ProblemAsync(await admin.PostAsJsonAsync(webhooks, new { url = PublicUrl, events = new[] { "nope" } }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.PostAsJsonAsync(webhooks, new { url = "ftp://203.0.113.10/", events = new[] { "switch.succeeded" } }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.PostAsync(webhooks, ContractFixture.Json("""{"url":5}""")), HttpStatusCode.BadRequest, "bad-request");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}/webhooks"), HttpStatusCode.NotFound, "not-found");

        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync($"{webhooks}/{webhookId}/deliveries?limit=10")).StatusCode);
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{webhooks}/{webhookId}/deliveries?limit=0"), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{webhooks}/{UnknownId}/deliveries"), HttpStatusCode.NotFound, "not-found");
        var reader = _fixture.Client(pair.PrimaryTenantId, "reader-1");
        await ContractFixture.ProblemAsync(await reader.GetAsync(webhooks), HttpStatusCode.Forbidden, "permission-required");

        Assert.AreEqual(HttpStatusCode.NoContent, (await admin.DeleteAsync($"{webhooks}/{webhookId}")).StatusCode);
        await ContractFixture.ProblemAsync(await admin.DeleteAsync($"{webhooks}/{webhookId}"), HttpStatusCode.NotFound, "not-found");
        _fixture.AssertCovered(Tags);
    }
}
