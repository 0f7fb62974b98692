using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Drills and their schedule answer as the API document says, the switch's 429 included.</summary>
[TestClass]
public sealed class DrillContractTests
{
    public static readonly string[] Tags = ["Drills"];

    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Drills_AnswerAsDocumented()
    {
        var pair = await _fixture.CreatePairAsync("Drill Contract Inc.");
        var admin = _fixture.Client(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var drills = $"/tenant-pairs/{pair.PairId}/drills";

        var drill = await ContractFixture.ReadAsync(await admin.PostAsJsonAsync(drills, new { side = "bcp", passkey = pair.Passkey }), HttpStatusCode.Created);
        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync(drills)).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync($"{drills}/{drill["drillId"]}")).StatusCode);
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{drills}/{UnknownId}"), HttpStatusCode.NotFound, "not-found");
        await ContractFixture.ProblemAsync(await admin.PostAsJsonAsync(drills, new { side = "bcp" }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.PostAsync(drills, ContractFixture.Json("""{"side":"sideways"}""")), HttpStatusCode.BadRequest, "bad-request");
        await ContractFixture.ProblemAsync(await admin.PostAsJsonAsync($"/tenant-pairs/{UnknownId}/drills", new { side = "bcp", passkey = "x" }), HttpStatusCode.NotFound, "not-found");

        Assert.AreEqual(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"{drills}/schedule", new { enabled = true, weekday = "friday", at = "17:30" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync($"{drills}/schedule")).StatusCode);
        await ContractFixture.ProblemAsync(await admin.PutAsJsonAsync($"{drills}/schedule", new { enabled = true, weekday = "friday", at = "5pm" }), HttpStatusCode.BadRequest, "validation");
        var bcpAdmin = _fixture.Client(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);
        await ContractFixture.ProblemAsync(await bcpAdmin.PutAsJsonAsync($"{drills}/schedule", new { enabled = false, weekday = "friday", at = "17:30" }), HttpStatusCode.Forbidden, "permission-required");

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await ContractFixture.ReadAsync(await admin.PostAsJsonAsync(drills, new { side = "bcp", passkey = "wrong" }), HttpStatusCode.Created);
        }

        await ContractFixture.ProblemAsync(await admin.PostAsJsonAsync(drills, new { side = "bcp", passkey = pair.Passkey }), HttpStatusCode.TooManyRequests, "switch-locked");
        _fixture.AssertCovered(Tags);
    }
}
