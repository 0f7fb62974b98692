using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Resilience;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>
/// kill -9 of the node whose silo holds a pair's webhooks grain while it is delivering (the receiver holds the
/// attempt open): with no further request, the grain's reminder wakes it on a survivor, which delivers the event,
/// with the same <c>webhook-id</c>. Real processes on Azurite, as the Resilience suite runs them.
/// </summary>
[TestClass]
// Alone: it kills a node process and bounds the survivor's redelivery in time.
[DoNotParallelize]
[TestCategory("Resilience")]
public sealed class WebhookNodeKillTests
{
    private const string WebhooksGrainType = "pairwebhooks";

    [TestMethod]
    public async Task NodeHoldingTheQueueKilledMidDelivery_ASurvivorDelivers()
    {
        var azurite = await AzuriteInstance.GetSharedAsync();
        var store = StoreSetup.Blob(azurite.ConnectionString, $"hookkill-{Guid.NewGuid():N}");
        var settings = new Dictionary<string, string?>(store.Settings)
        {
            // The loopback receiver is a Development target; later arguments win over the node's "Production".
            ["environment"] = "Development",
            // The survivor's wake-up comes at most one period after it owns the reminder: 2 s, not the shipped minute.
            ["Webhooks:WakePeriod"] = "00:00:02",
        };
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(60);
        var nodes = new List<NodeProcess>();
        try
        {
            nodes.AddRange(await NodeProcess.StartApisAsync(2, settings));

            await WaitAsync(async () => (await Task.WhenAll(nodes.Select(SiloMetrics.ReadAsync))).All(m => m.RingSize == 2), TimeSpan.FromSeconds(60), "both nodes to see 2 silos");
            var pair = await CreatePairAsync(nodes[0]);
            using var admin = nodes[0].ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
            var created = await admin.PostAsJsonAsync($"/tenant-pairs/{pair.PairId}/webhooks", new { url = receiver.Url, events = new[] { WebhookEventTypes.SwitchSucceeded } });
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
            var webhookId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("webhookId").GetString()!;
            Assert.AreEqual(HttpStatusCode.OK, (await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey)).StatusCode);
            var first = await receiver.WaitForAsync(_ => true, TimeSpan.FromSeconds(10));

            var holders = new List<NodeProcess>();
            foreach (var node in nodes)
            {
                if ((await SiloMetrics.ReadAsync(node)).Activations(WebhooksGrainType) > 0)
                {
                    holders.Add(node);
                }
            }

            Assert.HasCount(1, holders, "one node holds the pair's webhooks grain");
            var doomed = holders[0];
            var survivor = nodes.Single(node => node != doomed);
            receiver.Delay = TimeSpan.Zero;
            var killedAt = DateTimeOffset.UtcNow;
            await doomed.KillAsync();
            Console.WriteLine($"killed node {nodes.IndexOf(doomed)}, which held the webhooks grain, with event {first.Id} in flight");

            var again = await receiver.WaitForAsync(r => r.At > killedAt, TimeSpan.FromSeconds(60));
            Console.WriteLine($"delivered again {(again.At - killedAt).TotalSeconds:F1} s after the kill");
            Assert.AreEqual(first.Id, again.Id, "the survivor delivers the same event, with the same webhook-id");
            Assert.AreEqual(first.Body, again.Body);
            using var reader = survivor.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
            await WaitAsync(async () =>
            {
                var response = await reader.GetAsync($"/tenant-pairs/{pair.PairId}/webhooks/{webhookId}/deliveries");
                return response.StatusCode == HttpStatusCode.OK
                    && (await response.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Single().GetProperty("status").GetString() == "delivered";
            }, TimeSpan.FromSeconds(30), "the survivor to record the delivery");
            Assert.AreEqual(1, (await SiloMetrics.ReadAsync(survivor)).Activations(WebhooksGrainType), "the grain lives on the survivor now");
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }

    private static async Task<TestPair> CreatePairAsync(NodeProcess node)
    {
        using var operatorClient = node.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var bcp = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc. BCP", "eu-west");
        var response = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new TestPair(created.GetProperty("pairId").GetString()!, primary, bcp, created.GetProperty("passkey").GetString()!);
    }

    private static async Task WaitAsync(Func<Task<bool>> done, TimeSpan deadline, string what)
    {
        var until = DateTime.UtcNow + deadline;
        while (!await done())
        {
            Assert.IsTrue(DateTime.UtcNow < until, $"timed out waiting for {what}");
            await Task.Delay(250);
        }
    }
}
