using System.Text.Json;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// When a switch took effect on every node, through HTTP on one node: status and the switch's audit entry carry it
/// once the node acknowledged; neither carries it before a switch, nor does a switch that changed nothing.
/// </summary>
[TestClass]
public sealed class SwitchEffectApiTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Switch_OneNode_StatusAndAuditSayEffectiveOnOneOfOne_AndNothingBefore()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", "bcp.activation.edit");
        (await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey)).EnsureSuccessStatusCode();

        var before = await StatusAsync(admin, pair.PairId);
        Assert.AreEqual(JsonValueKind.Null, before.GetProperty("lastSwitch").ValueKind, "no switch, no effect");
        var alreadyActive = (await AuditAsync(admin, pair.PairId)).Single(entry => entry.GetProperty("outcome").GetString() == "already-active");
        Assert.IsFalse(alreadyActive.GetProperty("details").TryGetProperty("effectiveEverywhereAt", out _));

        (await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey)).EnsureSuccessStatusCode();
        var last = await EventuallyAsync(async () => (await StatusAsync(admin, pair.PairId)).GetProperty("lastSwitch"),
            last => last.TryGetProperty("effectiveEverywhereAt", out var at) && at.ValueKind == JsonValueKind.String);

        Assert.AreEqual((1, 1, 0), (last.GetProperty("nodesExpected").GetInt32(), last.GetProperty("nodesAcknowledged").GetInt32(), last.GetProperty("unacknowledgedNodes").GetArrayLength()));
        var afterMs = last.GetProperty("effectiveAfterMs").GetDouble();
        Assert.IsTrue(afterMs is >= 0 and < 1000, $"effective after {afterMs} ms");
        Assert.IsTrue(last.GetProperty("effectiveEverywhereAt").GetDateTimeOffset() >= last.GetProperty("at").GetDateTimeOffset());

        var details = (await AuditAsync(admin, pair.PairId)).Single(entry => entry.GetProperty("outcome").GetString() == "switched").GetProperty("details");
        Assert.AreEqual(last.GetProperty("effectiveEverywhereAt").GetDateTimeOffset(), details.GetProperty("effectiveEverywhereAt").GetDateTimeOffset());
        Assert.AreEqual(afterMs, details.GetProperty("effectiveAfterMs").GetDouble());
        Assert.AreEqual((1, 1), (details.GetProperty("nodesExpected").GetInt32(), details.GetProperty("nodesAcknowledged").GetInt32()));
        Assert.IsFalse(details.TryGetProperty("unacknowledgedNodes", out _));
    }

    private static async Task<JsonElement> StatusAsync(HttpClient client, string pairId)
    {
        using var response = await client.GetAsync($"/tenant-pairs/{pairId}");
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<JsonElement[]> AuditAsync(HttpClient client, string pairId)
    {
        using var response = await client.GetAsync($"/tenant-pairs/{pairId}/audit");
        response.EnsureSuccessStatusCode();
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone().EnumerateArray()];
    }

    private static async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement>> read, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(3);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > until)
            {
                Assert.IsTrue(done(value), $"not within 3 s: {value}");
                return value;
            }

            await Task.Delay(20);
        }
    }
}
