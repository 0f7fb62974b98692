using System.Net;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>The Prometheus endpoint shows the product's instruments and the per-route request duration.</summary>
[TestClass]
public sealed class MetricsTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Metrics_AfterSwitches_ExposeSwitchOutcomesLockoutsAndRequestDurations()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        for (var i = 0; i < 5; i++)
        {
            await BcpClient.SwitchAsync(admin, pair.PairId, "primary", "WRONG-PASSKEY");
        }

        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var response = await anonymous.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        StringAssert.Contains(text, "bcp_switch_attempts");
        StringAssert.Contains(text, "outcome=\"switched\"");
        StringAssert.Contains(text, "outcome=\"passkey-invalid\"");
        StringAssert.Contains(text, "bcp_switch_lockouts");
        StringAssert.Contains(text, "http_server_request_duration");
        Assert.IsFalse(text.Contains(pair.Passkey, StringComparison.Ordinal), "no secret in metrics");
    }
}
