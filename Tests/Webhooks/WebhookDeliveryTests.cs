using System.Diagnostics;
using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;
using StandardWebhooks;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>Events reach a real receiver on loopback, signed per Standard Webhooks, in order, with retries (docs/webhooks.md).</summary>
[TestClass]
public sealed class WebhookDeliveryTests
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(5);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Switch_IsDeliveredSignedWithinFiveSeconds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        var (_, secret) = await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SwitchSucceeded);
        StringAssert.StartsWith(secret, "whsec_");

        var switchedAt = DateTimeOffset.UtcNow;
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        var received = await receiver.WaitForAsync(r => r.Type == WebhookEventTypes.SwitchSucceeded, Soon);

        Assert.IsLessThan(Soon, received.At - switchedAt);
        // Throws unless the signature is the secret's HMAC of id, timestamp and body.
        new StandardWebhook(secret).Verify(received.Body, received.Headers);
        StringAssert.StartsWith(received.Headers["webhook-signature"].ToString(), "v1,");
        var data = received.Json.GetProperty("data");
        Assert.AreEqual(received.Id, data.GetProperty("eventId").GetString());
        Assert.AreEqual(pair.PairId, data.GetProperty("pairId").GetString());
        Assert.AreEqual(1, data.GetProperty("epoch").GetInt64());
        Assert.AreEqual("bcp", data.GetProperty("details").GetProperty("requestedSide").GetString());
        Assert.DoesNotContain(pair.Passkey, received.Body);
        Assert.ThrowsExactly<StandardWebhooks.Diagnostics.WebhookVerificationException>(
            () => new StandardWebhook("whsec_" + Convert.ToBase64String(new byte[32])).Verify(received.Body, received.Headers));
    }

    [TestMethod]
    public async Task WrongPasskey_IsDeliveredAsSwitchRejected()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SwitchRejected);

        var response = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", "WRONG-PASSKEY");
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);

        var received = await receiver.WaitForAsync(r => r.Type == WebhookEventTypes.SwitchRejected, Soon);
        Assert.AreEqual("passkey-invalid", received.Json.GetProperty("data").GetProperty("outcome").GetString());
        Assert.DoesNotContain("WRONG-PASSKEY", received.Body);
    }

    [TestMethod]
    public async Task ALock_IsOneSwitchLockedEvent_AndAttemptsRefusedDuringItRaiseNone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        using var misuser = host.ClientFor(pair.BcpTenantId, "admin-9", Permissions.ActivationEdit);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url,
            WebhookEventTypes.SwitchRejected, WebhookEventTypes.SwitchLocked, WebhookEventTypes.SwitchSucceeded);

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            Assert.AreEqual(HttpStatusCode.Forbidden, (await BcpClient.SwitchAsync(misuser, pair.PairId, "bcp", "WRONG-PASSKEY")).StatusCode);
        }

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            Assert.AreEqual(HttpStatusCode.TooManyRequests, (await BcpClient.SwitchAsync(misuser, pair.PairId, "bcp", pair.Passkey)).StatusCode);
        }

        // Events go out in order: once the switch after them has arrived, every event of the attempts before has too.
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await receiver.WaitForAsync(r => r.Type == WebhookEventTypes.SwitchSucceeded, Soon);

        var received = receiver.Received;
        Assert.AreEqual(5, received.Count(r => r.Type == WebhookEventTypes.SwitchRejected), "one per wrong passkey, none per refused attempt");
        var locked = received.Single(r => r.Type == WebhookEventTypes.SwitchLocked);
        var data = locked.Json.GetProperty("data");
        Assert.AreEqual(("admin-9", pair.BcpTenantId, "caller"), (data.GetProperty("actor").GetProperty("userId").GetString(), data.GetProperty("actor").GetProperty("tenantId").GetString(),
            data.GetProperty("details").GetProperty("scope").GetString()), "names the caller");
        Assert.DoesNotContain(pair.Passkey, locked.Body);
    }

    [TestMethod]
    public async Task SyncRuns_AreDeliveredAsSucceededAndSkipped()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SyncSucceeded, WebhookEventTypes.SyncSkipped);

        var skipped = await SyncClient.RunAsync(admin, pair.PairId);
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        var succeeded = await SyncClient.RunAsync(admin, pair.PairId);

        var first = await receiver.WaitForAsync(r => r.Type == WebhookEventTypes.SyncSkipped, Soon);
        Assert.AreEqual(skipped.RunId, first.Json.GetProperty("data").GetProperty("details").GetProperty("runId").GetString());
        Assert.AreEqual("disabled", first.Json.GetProperty("data").GetProperty("details").GetProperty("skipReason").GetString());
        var second = await receiver.WaitForAsync(r => r.Type == WebhookEventTypes.SyncSucceeded, Soon);
        Assert.AreEqual(succeeded.RunId, second.Json.GetProperty("data").GetProperty("details").GetProperty("runId").GetString());
    }

    [TestMethod]
    public async Task SeveralSwitches_ArriveInEpochOrder()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SwitchSucceeded);
        // Slow answers keep later events queued behind earlier ones.
        receiver.Delay = TimeSpan.FromMilliseconds(200);

        for (var i = 0; i < 6; i++)
        {
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, i % 2 == 0 ? "bcp" : "primary", pair.Passkey));
        }

        await receiver.WaitForAsync(r => r.Json.GetProperty("data").GetProperty("epoch").GetInt64() == 6, TimeSpan.FromSeconds(15));
        var epochs = receiver.Received.Select(r => r.Json.GetProperty("data").GetProperty("epoch").GetInt64()).ToArray();
        CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5, 6 }, epochs);
    }

    [TestMethod]
    // Alone: it bounds four switches' time (900 ms each), which other classes' load would stretch.
    [DoNotParallelize]
    public async Task SlowReceiver_DoesNotSlowSwitches()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Delay = TimeSpan.FromSeconds(10);
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SwitchSucceeded);

        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await receiver.WaitForAsync(_ => true, Soon);
        // The receiver now sits on the first delivery; the next switches queue behind it.
        var slowest = TimeSpan.Zero;
        for (var i = 0; i < 4; i++)
        {
            var watch = Stopwatch.StartNew();
            await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, i % 2 == 0 ? "primary" : "bcp", pair.Passkey));
            slowest = TimeSpan.FromTicks(Math.Max(slowest.Ticks, watch.Elapsed.Ticks));
        }

        Assert.IsLessThan(TimeSpan.FromMilliseconds(900), slowest, "a switch waited for the receiver");
    }

    [TestMethod]
    public async Task ReceiverDownForThirtySeconds_IsDeliveredOnceBack_WithTheSameWebhookId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        await using var host = await StartAsync(new Dictionary<string, string?> { ["Webhooks:MaxRetryDelay"] = "00:00:04" });
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        var (webhookId, secret) = await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SwitchSucceeded);

        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await Task.Delay(TimeSpan.FromSeconds(30));
        var failing = (await WebhookClient.DeliveriesAsync(admin, pair.PairId, webhookId)).Single();
        Assert.AreEqual("pending", failing.GetProperty("status").GetString());
        Assert.IsGreaterThan(3, failing.GetProperty("attempts").GetInt32());
        Assert.AreEqual("connection-failed", failing.GetProperty("lastError").GetString());
        Assert.IsNotNull(failing.GetProperty("nextAttemptAt").GetString());

        // A failing receiver answers too: a 500 is a failed attempt like no answer.
        receiver.Status = 500;
        await receiver.StartAgainAsync();
        await receiver.WaitForAsync(_ => true, TimeSpan.FromSeconds(10));
        receiver.Status = 200;
        var delivered = await WebhookClient.WaitForDeliveriesAsync(admin, pair.PairId, webhookId,
            list => list.Single().GetProperty("status").GetString() == "delivered", TimeSpan.FromSeconds(15));

        var received = receiver.Received;
        Assert.IsGreaterThan(1, received.Count);
        Assert.AreEqual(1, received.Select(r => r.Id).Distinct().Count(), "every attempt carries the event's webhook-id");
        Assert.AreEqual(failing.GetProperty("eventId").GetString(), received[0].Id);
        Assert.AreEqual(1, received.Select(r => r.Body).Distinct().Count(), "every attempt posts the same body");
        new StandardWebhook(secret).Verify(received[^1].Body, received[^1].Headers);
        Assert.AreEqual(200, delivered.Single().GetProperty("lastHttpStatus").GetInt32());
        Assert.IsNotNull(delivered.Single().GetProperty("deliveredAt").GetString());
    }

    [TestMethod]
    public async Task DeletedWebhook_GetsNoMoreDeliveries()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await StartAsync();
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = Admin(host, pair);
        var (webhookId, _) = await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SwitchSucceeded);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey));
        await receiver.WaitForAsync(_ => true, Soon);

        Assert.AreEqual(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/tenant-pairs/{pair.PairId}/webhooks/{webhookId}")).StatusCode);
        await BcpClient.ReadStatusAsync(await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey));
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.HasCount(1, receiver.Received);
    }

    private Task<ApiHost> StartAsync(IReadOnlyDictionary<string, string?>? settings = null) =>
        ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: settings, environment: "Development");

    private static HttpClient Admin(ApiHost host, TestPair pair) =>
        host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit);
}
