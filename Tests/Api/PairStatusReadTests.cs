using System.Net;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>The status read as clients see it: one JSON body with a length (not chunked), and repeated reads with one token stay correct.</summary>
[TestClass]
public sealed class PairStatusReadTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task GetStatus_Member_AnswersJsonWithContentLengthNotChunked()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var member = host.ClientFor(pair.PrimaryTenantId, "agent-1");

        using var response = await member.GetAsync($"/tenant-pairs/{pair.PairId}");
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/json; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.AreEqual(body.Length, response.Content.Headers.ContentLength);
        Assert.IsFalse(response.Headers.TransferEncodingChunked ?? false);
        Assert.AreEqual(pair.PairId, (await BcpClient.GetStatusAsync(member, pair.PairId)).PairId);
    }

    [TestMethod]
    public async Task GetStatus_SameTokenAfterSwitch_ShowsTheSwitchAndStillHidesOtherPairs()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host, "Classics Inc.");
        var other = await BcpClient.CreatePairAsync(host, "Other Corp.");
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", "bcp.activation.edit");
        Assert.AreEqual("primary", (await BcpClient.GetStatusAsync(admin, pair.PairId)).ActiveSide.ToString().ToLowerInvariant());

        (await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey)).EnsureSuccessStatusCode();
        var status = await BcpClient.GetStatusAsync(admin, pair.PairId);
        using var hidden = await admin.GetAsync($"/tenant-pairs/{other.PairId}");

        Assert.AreEqual("bcp", status.ActiveSide.ToString().ToLowerInvariant());
        Assert.AreEqual(1, status.Epoch);
        Assert.AreEqual(HttpStatusCode.NotFound, hidden.StatusCode);
    }
}
