using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// When the configuration names region stores, a region served without one of its own (its tenants' data lands in the
/// default store) is named in <c>/health</c> (degraded, 200) and logged once; with no region stores named, every region
/// sharing the default store is the embedded profile's normal layout and nothing is said.
/// </summary>
[TestClass]
public sealed class RegionStoreTests
{
    private const string Warning = "Region eu-central has no store of its own; it shares the default store.";

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task RegionStoresNamed_ARegionWithoutOne_IsNamedInHealth_AndLoggedOnce()
    {
        await using var host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("bcp.db")),
            settings: new Dictionary<string, string?>
            {
                ["Storage:Stores:us-east:Provider"] = "sqlite",
                ["Storage:Stores:us-east:Path"] = _folder.File("us-east.db"),
            });
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var covered = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        await UseRegionAsync(host, covered);
        var (status, healthy) = await PollUntilAsync(host.Client, body => body["status"]!.GetValue<string>() == "healthy");
        Assert.AreEqual(HttpStatusCode.OK, status);
        Assert.AreEqual(0, healthy["warnings"]!.AsArray().Count, "a region with its own store is no warning");

        var uncovered = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-central");
        for (var i = 0; i < 3; i++)
        {
            await UseRegionAsync(host, uncovered);
        }

        var (degradedStatus, degraded) = await PollUntilAsync(host.Client, body => body["status"]!.GetValue<string>() == "degraded");
        Assert.AreEqual(HttpStatusCode.OK, degradedStatus, "the node stays in the load balancer");
        CollectionAssert.AreEqual(new[] { Warning }, degraded["warnings"]!.AsArray().Select(warning => warning!.GetValue<string>()).ToArray());
        Assert.AreEqual("reachable", degraded["stores"]!["default"]!.GetValue<string>());
        Assert.AreEqual("reachable", degraded["stores"]!["us-east"]!.GetValue<string>());
        var logged = host.Logs.Lines.Where(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains("Region eu-central has no store of its own", StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, logged, string.Join(Environment.NewLine, logged));
        Assert.IsFalse(host.Logs.Lines.Any(line => line.Contains("Region us-east has no store", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task NoRegionStoresNamed_EveryRegionSharesTheDefaultStore_Silently()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")));
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        await UseRegionAsync(host, await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "eu-central"));

        // Past the probe's age, so the answer comes from a probe made after the region was used.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        using var response = await host.Client.GetAsync("/health");
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("healthy", body["status"]!.GetValue<string>(), body.ToJsonString());
        Assert.AreEqual(0, body["warnings"]!.AsArray().Count);
        Assert.IsFalse(host.Logs.Lines.Any(line => line.Contains("has no store of its own", StringComparison.Ordinal)));
    }

    /// <summary>Writes to the tenant's configuration, which lives in its region's store.</summary>
    private static async Task UseRegionAsync(ApiHost host, string tenantId)
    {
        using var admin = host.ClientFor(tenantId, "admin-1", Permissions.TenantConfigEdit);
        await ConfigClient.CreateIdAsync(admin, tenantId, EntityTypes.Skills, new { name = $"Skill {Guid.NewGuid():N}" });
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> PollUntilAsync(HttpClient client, Func<JsonObject, bool> done)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            using var response = await client.GetAsync("/health");
            var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            if (done(body))
            {
                return (response.StatusCode, body);
            }

            Assert.IsLessThan(TimeSpan.FromSeconds(5), Stopwatch.GetElapsedTime(started), $"/health still answers {body.ToJsonString()}");
            await Task.Delay(50);
        }
    }
}
