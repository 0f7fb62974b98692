using System.Net;
using System.Text.Json.Nodes;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Grains;

/// <summary>
/// A store write that lands but whose answer is lost: the Blob client retries it with the old ETag and the store refuses
/// the retry. Seen in a storm of switches on Azurite (docs/benchmarks.md, "Cluster storm with lighter nodes").
/// </summary>
[TestClass]
public sealed class LostStoreAnswerTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    [DataRow("audit", DisplayName = "the trail's number")]
    [DataRow("pair", DisplayName = "the pair's commit")]
    public async Task Switch_WhoseWriteLandsButItsAnswerIsLost_StillSwitches_AndIsAuditedOnce(string state)
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        tap.LoseAnswerOfNext(key => key == $"grains/{state}/{Uri.EscapeDataString(pair.PairId)}");

        using var response = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey);
        var answer = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.IsFalse(tap.LostAnswerPending, "the write was answered with a conflict");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, answer?.ToJsonString());
        Assert.AreEqual(("switched", 1), (answer!["outcome"]!.GetValue<string>(), answer["epoch"]!.GetValue<int>()));
        var switches = (await BcpClient.GetAuditAsync(admin, pair.PairId)).Where(entry => entry.Action == "switch").ToList();
        Assert.HasCount(1, switches);
        Assert.AreEqual("switched", switches[0].Outcome);
        using var status = await admin.GetAsync($"/tenant-pairs/{pair.PairId}");
        var shown = await status.Content.ReadFromJsonAsync<JsonObject>();
        Assert.AreEqual(("bcp", 1), (shown!["activeSide"]!.GetValue<string>(), shown["epoch"]!.GetValue<int>()), "the switch is what the pair holds");
    }
}
