using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Api;

/// <summary><c>GET …/audit</c> answers counts and epochs as JSON numbers and flags as booleans; text stays text.</summary>
[TestClass]
public sealed class AuditDetailsTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Audit_NumbersAndFlags_AreJsonNumbersAndBooleans()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey));
        await SyncClient.ConfigureAsync(admin, pair.PairId, rewriteScriptIds: true);
        await SyncClient.RunAsync(admin, pair.PairId);

        var audit = (await admin.GetFromJsonAsync<JsonElement>($"/tenant-pairs/{pair.PairId}/audit"))
            .EnumerateArray().ToList();

        var switches = audit.Where(entry => entry.GetProperty("action").GetString() == "switch").ToList();
        CollectionAssert.AreEquivalent(new[] { 1L, 2L }, switches.Select(entry => entry.GetProperty("details").GetProperty("epoch").GetInt64()).ToArray());
        Assert.AreEqual(JsonValueKind.String, switches[0].GetProperty("details").GetProperty("requestedSide").ValueKind);
        var settings = audit.Single(entry => entry.GetProperty("action").GetString() == "sync-settings").GetProperty("details");
        Assert.AreEqual(JsonValueKind.True, settings.GetProperty("rewriteScriptIds").ValueKind);
        Assert.AreEqual("default", settings.GetProperty("mode").GetString());
        var ended = audit.Single(entry => entry.GetProperty("action").GetString() == "sync-run" && entry.GetProperty("outcome").GetString() == "succeeded");
        Assert.AreEqual(JsonValueKind.Number, ended.GetProperty("details").GetProperty("warnings").ValueKind);
        Assert.AreEqual(JsonValueKind.String, ended.GetProperty("details").GetProperty("runId").ValueKind, "an id of digits would still be text");
    }
}
