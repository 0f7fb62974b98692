using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Access;

/// <summary>Setting one user's BCP type (docs/api.md), audited on the tenant's pair (docs/api.md).</summary>
[TestClass]
public sealed class BcpTypeTests
{
    private static AccessFixture _fixture = null!;

    private static string Primary => _fixture.Primary;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await AccessFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task Put_NewType_SetsItAndAuditsFromAndTo()
    {
        var username = ConfigSamples.UniqueUsername("katrina");
        var userId = await ConfigClient.CreateIdAsync(_fixture.Admin, Primary, "users", new { username, firstName = "Katrina" });

        var result = await AccessClient.ReadOkAsync(await AccessClient.PutBcpTypeAsync(_fixture.Admin, Primary, userId, "multiple"));

        Assert.AreEqual((userId, username, "multiple"),
            (result.GetProperty("userId").GetString(), result.GetProperty("username").GetString(), result.GetProperty("bcpType").GetString()));
        var user = await ConfigClient.GetAsync(_fixture.Admin, Primary, "users", userId);
        Assert.AreEqual(("multiple", "Katrina"), (user.Text("bcpType"), user.Text("firstName")), "only the type changes");
        var entry = (await BcpClient.GetAuditAsync(_fixture.Admin, _fixture.Pair.PairId))[0];
        Assert.AreEqual(("bcp-type", "changed", "access-admin", Primary), (entry.Action, entry.Outcome, entry.ActorUserId, entry.ActorTenantId));
        CollectionAssert.AreEquivalent(
            new Dictionary<string, string> { ["userId"] = userId, ["from"] = "none", ["to"] = "multiple" }.ToList(),
            entry.Details.ToDictionary(detail => detail.Key, detail => detail.Value!.GetValue<string>()).ToList());
    }

    [TestMethod]
    public async Task Put_SameType_WritesNothingAndAuditsUnchanged()
    {
        var userId = await _fixture.CreateUserAsync(_fixture.Admin, Primary);
        await AccessClient.ReadOkAsync(await AccessClient.PutBcpTypeAsync(_fixture.Admin, Primary, userId, "single"));
        var before = await ConfigClient.GetAsync(_fixture.Admin, Primary, "users", userId);

        await AccessClient.ReadOkAsync(await AccessClient.PutBcpTypeAsync(_fixture.Admin, Primary, userId, "single"));

        Assert.AreEqual(before.ETag, (await ConfigClient.GetAsync(_fixture.Admin, Primary, "users", userId)).ETag);
        var entry = (await BcpClient.GetAuditAsync(_fixture.Admin, _fixture.Pair.PairId))[0];
        Assert.AreEqual(("bcp-type", "unchanged", "single", "single"), (entry.Action, entry.Outcome, entry.Details["from"]!.GetValue<string>(), entry.Details["to"]!.GetValue<string>()));
    }

    [TestMethod]
    [DataRow("""{"bcpType":"sometimes"}""")]
    [DataRow("""{"bcpType":"Single"}""")]
    [DataRow("""{"bcpType":1}""")]
    [DataRow("""{}""")]
    [DataRow("""not json""")]
    public async Task Put_BadBody_Returns400AndWritesNothing(string body)
    {
        var userId = await _fixture.CreateUserAsync(_fixture.Admin, Primary);
        var before = await ConfigClient.SnapshotAsync(_fixture.Host);

        var response = await ConfigClient.SendAsync(_fixture.Admin, HttpMethod.Put, $"/tenants/{Primary}/users/{userId}/bcp-type", body);

        Assert.AreEqual("/problems/validation", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.BadRequest));
        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_fixture.Host));
    }

    [TestMethod]
    [DataRow("0123456789abcdef0123456789abcdef")]
    [DataRow("NOT-AN-ID")]
    public async Task Put_UnknownUser_Returns404(string userId)
    {
        var response = await AccessClient.PutBcpTypeAsync(_fixture.Admin, Primary, userId, "single");

        Assert.AreEqual("/problems/not-found", await ConfigClient.ProblemTypeAsync(response, HttpStatusCode.NotFound));
    }

    [TestMethod]
    public async Task Put_AnotherTypesEntityId_Returns404()
    {
        var skillId = await ConfigClient.CreateIdAsync(_fixture.Admin, Primary, "skills", new { name = "English" });

        var response = await AccessClient.PutBcpTypeAsync(_fixture.Admin, Primary, skillId, "single");

        await BcpClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Put_InUnpairedTenant_SetsTheTypeWithoutAudit()
    {
        var userId = await _fixture.CreateUserAsync(_fixture.OtherAdmin, _fixture.OtherTenant);

        var result = await AccessClient.ReadOkAsync(await AccessClient.PutBcpTypeAsync(_fixture.OtherAdmin, _fixture.OtherTenant, userId, "single"));

        Assert.AreEqual("single", result.GetProperty("bcpType").GetString());
        Assert.AreEqual("single", await _fixture.BcpTypeOfAsync(_fixture.OtherTenant, userId));
    }

    [TestMethod]
    public async Task Put_UserOfTheBcpTenant_IsAuditedOnThePair()
    {
        using var bcpAdmin = _fixture.Host.ClientFor(_fixture.Pair.BcpTenantId, "bcp-admin", Permissions.AccessEdit, Permissions.TenantConfigEdit);
        var userId = await _fixture.CreateUserAsync(bcpAdmin, _fixture.Pair.BcpTenantId);

        await AccessClient.ReadOkAsync(await AccessClient.PutBcpTypeAsync(bcpAdmin, _fixture.Pair.BcpTenantId, userId, "single"));

        var entry = (await BcpClient.GetAuditAsync(bcpAdmin, _fixture.Pair.PairId))[0];
        Assert.AreEqual(("bcp-type", userId, _fixture.Pair.BcpTenantId), (entry.Action, entry.Details["userId"]!.GetValue<string>(), entry.ActorTenantId));
    }
}
