using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>Switch reports answer as the API document says.</summary>
[TestClass]
public sealed class SwitchReportContractTests
{
    public static readonly string[] Tags = ["Switch reports"];

    private static ContractFixture _fixture = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _fixture = await ContractFixture.StartAsync();

    [ClassCleanup]
    public static async Task CleanupAsync() => await _fixture.DisposeAsync();

    [TestMethod]
    public async Task SwitchReports_AnswerAsDocumented()
    {
        var pair = await _fixture.CreatePairAsync("Report Contract Inc.");
        var admin = _fixture.Client(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var switches = $"/tenant-pairs/{pair.PairId}/switches";
        (await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey)).EnsureSuccessStatusCode();

        // Recorded one-way after the switch's answer: read until it is there (the list answers either way).
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while ((await admin.GetAsync($"{switches}/1")).StatusCode != HttpStatusCode.OK)
        {
            Assert.IsTrue(DateTime.UtcNow < until, "the report did not appear within 10 s");
            await Task.Delay(20);
        }

        Assert.AreEqual(HttpStatusCode.OK, (await admin.GetAsync(switches)).StatusCode);
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{switches}/7"), HttpStatusCode.NotFound, "not-found");
        await ContractFixture.ProblemAsync(await admin.GetAsync($"{switches}/zero"), HttpStatusCode.BadRequest, "validation");
        _fixture.AssertCovered(Tags);
    }
}
