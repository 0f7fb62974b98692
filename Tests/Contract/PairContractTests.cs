using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Tenant pairs answer as the API document says: creation, status, switching and its lockout, the passkey, the audit trail, the failback report.</summary>
[TestClass]
public sealed class PairContractTests
{
    public static readonly string[] Tags = ["Tenant pairs"];

    private const string UnknownId = "0123456789abcdef0123456789abcdef";

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Pairs_AnswerAsDocumented()
    {
        var pair = _fixture.Pair;
        var ops = _fixture.Operator;
        var admin = _fixture.Client(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);

        await ContractFixture.ProblemAsync(await ops.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = "../x", bcpTenantId = pair.BcpTenantId }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await ops.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = pair.PrimaryTenantId, bcpTenantId = UnknownId }),
            HttpStatusCode.UnprocessableEntity, "tenant-not-found");
        var sameRegion = await _fixture.CreateTenantAsync("Same Region", "us-east");
        var other = await _fixture.CreateTenantAsync("Other Region", "us-east");
        await ContractFixture.ProblemAsync(await ops.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = sameRegion, bcpTenantId = other }),
            HttpStatusCode.UnprocessableEntity, "same-region");
        var elsewhere = await _fixture.CreateTenantAsync("Elsewhere", "eu-central");
        await ContractFixture.ProblemAsync(await ops.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = pair.PrimaryTenantId, bcpTenantId = elsewhere }),
            HttpStatusCode.Conflict, "tenant-already-paired");

        var status = await ContractFixture.ReadAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}"), HttpStatusCode.OK);
        Assert.AreEqual("primary", status["activeSide"]!.GetValue<string>());
        var found = await ContractFixture.ReadAsync(await ops.GetAsync($"/tenant-pairs?search={pair.PairId}"), HttpStatusCode.OK);
        Assert.AreEqual(pair.PairId, found["items"]![0]!["pairId"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await ops.GetAsync("/tenant-pairs?continuationToken=%21"), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.GetAsync("/tenant-pairs?search=x"), HttpStatusCode.Forbidden, "permission-required");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}"), HttpStatusCode.NotFound, "not-found");

        await ContractFixture.ProblemAsync(await admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { passkey = pair.Passkey }), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.PutAsync($"/tenant-pairs/{pair.PairId}/active-side", ContractFixture.Json("""{"side":"sideways"}""")),
            HttpStatusCode.BadRequest, "bad-request");
        await ContractFixture.ProblemAsync(await admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side = "bcp", passkey = "WRONG" }),
            HttpStatusCode.Forbidden, "passkey-invalid");
        var attempts = await ContractFixture.ReadAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/active-side/attempts"), HttpStatusCode.OK);
        Assert.AreEqual(4, attempts["attemptsLeft"]!.GetValue<int>(), "one wrong passkey of this caller's five");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}/active-side/attempts"), HttpStatusCode.NotFound, "not-found");
        var switched = await ContractFixture.ReadAsync(await admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side = "bcp", passkey = pair.Passkey }), HttpStatusCode.OK);
        Assert.AreEqual("switched", switched["outcome"]!.GetValue<string>());
        // An operator switches back with a reason, leaving the passkey out altogether.
        var back = await ContractFixture.ReadAsync(await ops.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side = "primary", reason = "Drill over" }), HttpStatusCode.OK);
        Assert.AreEqual("primary", back["activeSide"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await ops.PutAsJsonAsync($"/tenant-pairs/{UnknownId}/active-side", new { side = "bcp", reason = "x" }), HttpStatusCode.NotFound, "not-found");

        var rotated = await ContractFixture.ReadAsync(await ops.PostAsync($"/tenant-pairs/{pair.PairId}/passkey/rotate", null), HttpStatusCode.OK);
        Assert.AreNotEqual(pair.Passkey, rotated["passkey"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await ops.PostAsync($"/tenant-pairs/{UnknownId}/passkey/rotate", null), HttpStatusCode.NotFound, "not-found");

        var audit = await admin.GetFromJsonAsync<List<System.Text.Json.Nodes.JsonObject>>($"/tenant-pairs/{pair.PairId}/audit?limit=500");
        Assert.IsTrue(audit!.Count >= 4, "switches and the rotation are audited");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/audit?limit=501"), HttpStatusCode.BadRequest, "validation");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}/audit"), HttpStatusCode.NotFound, "not-found");

        var readiness = await ContractFixture.ReadAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/readiness"), HttpStatusCode.OK);
        Assert.AreEqual("not-ready", readiness["verdict"]!.GetValue<string>(), "never synced");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}/readiness"), HttpStatusCode.NotFound, "not-found");

        await ApprovalAnswersAsDocumentedAsync();

        var failback = await ContractFixture.ReadAsync(await admin.GetAsync($"/tenant-pairs/{pair.PairId}/failback"), HttpStatusCode.OK);
        Assert.AreEqual("primary", failback["activeSide"]!.GetValue<string>());
        await ContractFixture.ProblemAsync(await admin.GetAsync($"/tenant-pairs/{UnknownId}/failback"), HttpStatusCode.NotFound, "not-found");

        _fixture.AssertCovered(Tags);
    }

    /// <summary>Two-person approval on a pair of its own: settings, a request declined, a request approved by a second user.</summary>
    private static async Task ApprovalAnswersAsDocumentedAsync()
    {
        var pair = await _fixture.CreatePairAsync("Approving Corp.");
        var requester = _fixture.Client(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var approver = _fixture.Client(pair.BcpTenantId, "admin-2", Permissions.ActivationEdit);
        await ContractFixture.ProblemAsync(await requester.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/approval", new { required = true, windowMinutes = 4 }),
            HttpStatusCode.BadRequest, "validation");
        var settings = await ContractFixture.ReadAsync(await requester.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/approval", new { required = true, windowMinutes = 5 }), HttpStatusCode.OK);
        Assert.IsTrue(settings["required"]!.GetValue<bool>());
        Assert.AreEqual(5, (await ContractFixture.ReadAsync(await approver.GetAsync($"/tenant-pairs/{pair.PairId}/approval"), HttpStatusCode.OK))["windowMinutes"]!.GetValue<int>());

        var declined = await RequestSwitchAsync(requester, pair);
        Assert.AreEqual(declined, (await ContractFixture.ReadAsync(await approver.GetAsync($"/tenant-pairs/{pair.PairId}/switch-requests/{declined}"), HttpStatusCode.OK))["requestId"]!.GetValue<string>());
        await ContractFixture.ReadAsync(await approver.PostAsync($"/tenant-pairs/{pair.PairId}/switch-requests/{declined}/decline", null), HttpStatusCode.OK);
        var closed = await ContractFixture.ProblemAsync(
            await approver.PostAsync($"/tenant-pairs/{pair.PairId}/switch-requests/{declined}/approve", null), HttpStatusCode.Conflict, "switch-request-declined");
        Assert.AreEqual((409, "declined"), (closed["status"]!.GetValue<int>(), closed["requestStatus"]!.GetValue<string>()), "the request's status never repeats the problem's");

        var approved = await RequestSwitchAsync(requester, pair);
        await ContractFixture.ProblemAsync(await requester.PostAsync($"/tenant-pairs/{pair.PairId}/switch-requests/{approved}/approve", null), HttpStatusCode.Forbidden, "self-approval");
        var switched = await ContractFixture.ReadAsync(await approver.PostAsync($"/tenant-pairs/{pair.PairId}/switch-requests/{approved}/approve", null), HttpStatusCode.OK);
        Assert.AreEqual((1, "bcp"), (switched["epoch"]!.GetValue<int>(), switched["activeSide"]!.GetValue<string>()));
        await ContractFixture.ProblemAsync(await approver.GetAsync($"/tenant-pairs/{pair.PairId}/switch-requests/{UnknownId}"), HttpStatusCode.NotFound, "not-found");
    }

    private static async Task<string> RequestSwitchAsync(HttpClient requester, TestPair pair)
    {
        var request = await ContractFixture.ReadAsync(
            await requester.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side = "bcp", passkey = pair.Passkey }), HttpStatusCode.Accepted);
        return request["requestId"]!.GetValue<string>();
    }

    [TestMethod]
    public async Task Lockout_AnswersAsDocumented()
    {
        var pair = await _fixture.CreatePairAsync("Locked Corp.");
        var admin = _fixture.Client(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await ContractFixture.ProblemAsync(await admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side = "bcp", passkey = $"WRONG-{attempt}" }),
                HttpStatusCode.Forbidden, "passkey-invalid");
        }

        var locked = await admin.PutAsJsonAsync($"/tenant-pairs/{pair.PairId}/active-side", new { side = "bcp", passkey = pair.Passkey });
        var problem = await ContractFixture.ProblemAsync(locked, HttpStatusCode.TooManyRequests, "switch-locked");
        Assert.IsNotNull(problem["lockedUntil"]);
        Assert.IsTrue(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After");
    }
}
