using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>The Prometheus endpoint shows the product's instruments, Orleans' and the per-route request duration; the dashboard is opt-in, for operators.</summary>
[TestClass]
public sealed class MetricsTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task MetricsAndLogs_AfterSwitches_ShowOutcomesLockoutsAndRequestDurations()
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
        StringAssert.Contains(text, "microsoft_orleans_orleans_catalog_activations", "Orleans' own meter");
        Assert.IsFalse(text.Contains(pair.Passkey, StringComparison.Ordinal), "no secret in metrics");

        // The same attempts as structured log lines keyed by pair id, without the passkey.
        var lines = host.Logs.Lines.Where(line => line.Contains($"PairId={pair.PairId}", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(lines.Any(line => line.Contains("Outcome=Switched", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsTrue(lines.Any(line => line.Contains("locked until", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.IsFalse(host.Logs.Lines.Any(line => line.Contains(pair.Passkey, StringComparison.Ordinal)), "no passkey in logs");
    }

    [TestMethod]
    public async Task Dashboard_NotConfigured_IsNotServed()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);

        Assert.AreEqual(HttpStatusCode.NotFound, (await operatorClient.GetAsync("/dashboard")).StatusCode);
    }

    [TestMethod]
    public async Task Dashboard_Configured_ServedToOperatorsOnly()
    {
        await using var host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?> { ["Cluster:Dashboard"] = "true" });
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        using var admin = host.ClientFor("tenant-a", "admin-1", Permissions.ActivationEdit);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/dashboard")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await admin.GetAsync("/dashboard")).StatusCode);
        var page = await operatorClient.GetAsync("/dashboard/");
        Assert.AreEqual(HttpStatusCode.OK, page.StatusCode);
        StringAssert.Contains(await page.Content.ReadAsStringAsync(), "<html", StringComparison.OrdinalIgnoreCase);
    }
}
