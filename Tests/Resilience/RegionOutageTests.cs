using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Login;
using Orleans.Bcp.Tests.Sync;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The primary region's store goes down (its Azurite process is killed): switching to BCP still
/// works, login options and voice routing answer from BCP on every node with no 5xx, and switching
/// back after the region returns works. Real processes: three Azurite stores, two Api nodes.
/// </summary>
[TestClass]
// Alone: it bounds the return to the primary after a region's outage in time.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class RegionOutageTests
{
    private static readonly TimeSpan Load = TimeSpan.FromSeconds(3);

    [TestMethod]
    public async Task RegionOutage_SwitchToBcpStillWorks_HotPathsAnswerFromBcp_AndSwitchBackAfterwards()
    {
        await using var cluster = await RegionCluster.StartAsync(nodes: 2);
        var (nodeA, nodeB) = (cluster.Nodes[0], cluster.Nodes[1]);
        var pair = await CreatePairAsync(nodeA);
        using var admin = nodeA.ClientFor(pair.PrimaryTenantId, "admin-1",
            Permissions.TenantConfigEdit, Permissions.AccessEdit, Permissions.SyncEdit, Permissions.ActivationEdit);
        var skill = await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Skills, new { name = "Billing" });
        await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.PointsOfContact,
            new { name = "Main line", channel = "voice", address = "+15551230000", skillId = skill });
        foreach (var type in new[] { "none", "single", "multiple" })
        {
            await ConfigClient.CreateIdAsync(admin, pair.PrimaryTenantId, EntityTypes.Users, new { username = $"{type}@classics.example", bcpType = type });
        }

        await SyncClient.ConfigureAsync(admin, pair.PairId);
        var sync = await SyncClient.RunAsync(admin, pair.PairId);
        Assert.AreEqual("succeeded", sync.Outcome.ToString().ToLowerInvariant(), sync.Error);

        await cluster.UsEast.ShutDownAsync();
        using var switcherB = nodeB.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var switched = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(switcherB, pair.PairId, "bcp", pair.Passkey));
        Assert.AreEqual(1, switched.Epoch);

        // Every node answers with the new side within a second of the switch (docs/api.md); until then a node
        // that still sees the primary active would ask the region that is down.
        await Task.Delay(TimeSpan.FromSeconds(1));

        var outage = await HotPathLoad.RunAsync(cluster.Nodes, Load, async (client, answers) =>
        {
            var single = await ReadAsync<LoginOptions>(client, "/login/options?username=single@classics.example", answers);
            Assert.AreEqual(pair.BcpTenantId, single?.Target?.TenantId ?? pair.BcpTenantId, "single → BCP");
            var none = await ReadAsync<LoginOptions>(client, "/login/options?username=none@classics.example", answers);
            Assert.AreEqual(LoginMode.Denied, none?.Mode ?? LoginMode.Denied, "none → denied while BCP is active");
            var route = await ReadAsync<VoiceRoute>(client, "/routing/voice?address=%2B15551230000", answers);
            Assert.AreEqual(pair.BcpTenantId, route?.TenantId ?? pair.BcpTenantId, "the call rings in the BCP tenant");
        });
        Console.WriteLine($"region outage: {outage}");
        Assert.AreEqual(0, outage.ServerErrors, outage.ToString());
        Assert.AreEqual(outage.Sent, outage.Ok, $"every hot-path request answered from BCP: {outage}");
        using var anonymous = new HttpClient { BaseAddress = nodeA.BaseAddress };
        var health = await anonymous.GetFromJsonAsync<JsonObject>("/health");
        Assert.AreEqual(("degraded", "unreachable"), (health!["status"]!.GetValue<string>(), health["stores"]!["us-east"]!.GetValue<string>()));

        await cluster.UsEast.StartAsync();
        using var switcherA = nodeA.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var back = await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(switcherA, pair.PairId, "primary", pair.Passkey));
        Assert.AreEqual(2, back.Epoch);
        foreach (var node in cluster.Nodes)
        {
            using var login = node.ClientFor("platform", "login-service", Permissions.LoginRead);
            await LoginClient.EventuallyAsync(
                async () => (await LoginClient.OptionsAsync(login, "single@classics.example")).Target?.TenantId == pair.PrimaryTenantId,
                TimeSpan.FromSeconds(10), "login back on the primary");
            await LoginClient.EventuallyAsync(
                async () => (await login.GetFromJsonAsync<VoiceRoute>("/routing/voice?address=%2B15551230000", BcpClient.Json))?.TenantId == pair.PrimaryTenantId,
                TimeSpan.FromSeconds(10), "routing back on the primary");
        }
    }

    private static async Task<TestPair> CreatePairAsync(NodeProcess node)
    {
        using var operatorClient = node.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");
        var response = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        var created = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, created?.ToJsonString());
        return new TestPair(created!["pairId"]!.GetValue<string>(), primary, bcp, created["passkey"]!.GetValue<string>());
    }

    private static async Task<T?> ReadAsync<T>(HttpClient client, string path, HotPathAnswers answers)
    {
        var response = await client.GetAsync(path);
        answers.Record(response.StatusCode);
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<T>(BcpClient.Json) : default;
    }
}
