using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Readiness;
using Orleans.Bcp.Tests.Sync;
using StandardWebhooks;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>
/// <c>readiness.changed</c>: raised once for the cluster when a pair's verdict changes — seen by a poll, a switch,
/// or the check that follows every sync run — and durable: a restart does not take the same verdict for a change.
/// </summary>
[TestClass]
public sealed class ReadinessChangedTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task SyncRunThatMakesThePairReady_IsAnnouncedOnce_WithTheVerdictBefore_AndARestartAnnouncesNothing()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        TestPair pair;
        string secret;
        await using (var host = await StartAsync())
        {
            pair = await BcpClient.CreatePairAsync(host);
            await ReadinessTenant.SeedAsync(host, pair);
            using var admin = Admin(host, pair);
            (_, secret) = await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.ReadinessChanged);

            Assert.AreEqual("not-ready", ReadinessClient.Verdict(await ReadinessClient.GetAsync(admin, pair.PairId)));
            await SyncClient.ConfigureAsync(admin, pair.PairId);
            // No poll after the run: the check that follows it sees the change.
            await SyncClient.RunAsync(admin, pair.PairId);

            var received = await receiver.WaitForAsync(webhook => webhook.Type == WebhookEventTypes.ReadinessChanged, Soon);
            new StandardWebhook(secret).Verify(received.Body, received.Headers);
            var data = received.Json.GetProperty("data");
            Assert.AreEqual(pair.PairId, data.GetProperty("pairId").GetString());
            Assert.AreEqual("ready", data.GetProperty("outcome").GetString());
            var details = data.GetProperty("details");
            Assert.AreEqual(("not-ready", "ready"), (details.GetProperty("previous").GetString(), details.GetProperty("verdict").GetString()));

            Assert.AreEqual("ready", ReadinessClient.Verdict(await ReadinessClient.GetAsync(admin, pair.PairId)));
        }

        await using (var again = await StartAsync())
        {
            using var admin = Admin(again, pair);
            Assert.AreEqual("ready", ReadinessClient.Verdict(await ReadinessClient.GetAsync(admin, pair.PairId)));
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        Assert.HasCount(1, receiver.Received, "the first verdict is no change, the same verdict again is none, and the last change is durable across a restart");
    }

    private Task<ApiHost> StartAsync() =>
        ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: ReadinessClient.FreshReports, environment: "Development");

    private static HttpClient Admin(ApiHost host, TestPair pair) =>
        host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
}
