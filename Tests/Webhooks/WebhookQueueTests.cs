using System.Collections.Immutable;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>
/// The pair's webhooks grain: a re-sent outbox is taken once, an event recorded with one call is delivered, and a
/// webhook's queue is capped, its oldest events dropped into a gap the deliveries list shows.
/// </summary>
[TestClass]
public sealed class WebhookQueueTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task ResentEvents_AreQueuedOnce_AndPublishedEventsAreDelivered()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development");
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        var (webhookId, _) = await WebhookClient.RegisterAsync(admin, pair.PairId, receiver.Url, WebhookEventTypes.SyncFailed, WebhookEventTypes.ReadinessChanged);
        var webhooks = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPairWebhooksGrain>(pair.PairId);

        var first = PairEvent.Create("test", 1, WebhookEventTypes.SyncFailed, DateTimeOffset.UtcNow, pair.PairId, 0, "system", "system", "failed", ImmutableDictionary<string, string>.Empty);
        var second = PairEvent.Create("test", 2, WebhookEventTypes.SyncFailed, DateTimeOffset.UtcNow, pair.PairId, 0, "system", "system", "failed", ImmutableDictionary<string, string>.Empty);
        await webhooks.EnqueueAsync([first]);
        // An outbox handed off again after a lost answer: the first event again, with the one after it.
        await webhooks.EnqueueAsync([first, second]);
        await webhooks.PublishAsync(WebhookEventTypes.ReadinessChanged, 0, "not-ready", ImmutableDictionary<string, string>.Empty.Add("failing", "last-sync"));

        var readiness = await receiver.WaitForAsync(r => r.Type == WebhookEventTypes.ReadinessChanged, TimeSpan.FromSeconds(5));
        Assert.AreEqual("last-sync", readiness.Json.GetProperty("data").GetProperty("details").GetProperty("failing").GetString());
        CollectionAssert.AreEqual(new[] { first.EventId, second.EventId, readiness.Id }, receiver.Received.Select(r => r.Id).ToArray());
        var deliveries = await WebhookClient.DeliveriesAsync(admin, pair.PairId, webhookId);
        CollectionAssert.AreEqual(new[] { readiness.Id, second.EventId, first.EventId }, deliveries.Select(d => d.GetProperty("eventId").GetString()).ToArray(), "newest first");
    }

    [TestMethod]
    public async Task AFullQueue_DropsItsOldestEvents_IntoAGapTheDeliveriesListShows()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development", settings: new Dictionary<string, string?>
        {
            ["Webhooks:MaxPendingPerWebhook"] = "3",
            // The first failed attempt leaves the head waiting: nothing else leaves the queue during the test.
            ["Webhooks:FirstRetryDelay"] = "01:00:00",
            ["Webhooks:MaxRetryDelay"] = "01:00:00",
        });
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        // Nothing listens on port 9 of loopback: every attempt fails at once.
        var (webhookId, _) = await WebhookClient.RegisterAsync(admin, pair.PairId, "http://127.0.0.1:9/hooks", WebhookEventTypes.SyncFailed);
        var webhooks = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IPairWebhooksGrain>(pair.PairId);
        var start = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(1, 6).Select(i => PairEvent.Create(
            "test", i, WebhookEventTypes.SyncFailed, start.AddSeconds(i), pair.PairId, 0, "system", "system", "failed", ImmutableDictionary<string, string>.Empty)).ToList();

        await webhooks.EnqueueAsync([events[0]]);
        await WebhookClient.WaitForDeliveriesAsync(admin, pair.PairId, webhookId, d => d.Single().GetProperty("attempts").GetInt32() == 1, TimeSpan.FromSeconds(10));
        await webhooks.EnqueueAsync([.. events.Skip(1)]);

        // The new head's first attempt ends (it fails) before the next event comes: nothing is out with the sender then.
        var deliveries = await WebhookClient.WaitForDeliveriesAsync(
            admin, pair.PairId, webhookId, d => d.Count == 4 && d[2].GetProperty("attempts").GetInt32() == 1, TimeSpan.FromSeconds(10));
        CollectionAssert.AreEqual(
            new[] { events[5].EventId, events[4].EventId, events[3].EventId, events[0].EventId },
            deliveries.Select(d => d.GetProperty("eventId").GetString()).ToArray(), "newest first: three waiting, then the gap where the oldest three were");
        CollectionAssert.AreEqual(new[] { "pending", "pending", "pending", "dropped" }, deliveries.Select(d => d.GetProperty("status").GetString()).ToArray());
        var gap = deliveries[3];
        Assert.AreEqual(3, gap.GetProperty("dropped").GetInt32());
        Assert.AreEqual(events[0].At, gap.GetProperty("eventAt").GetDateTimeOffset(), "since when events are missing");
        Assert.AreEqual(events[2].At, gap.GetProperty("droppedUntil").GetDateTimeOffset());
        Assert.AreEqual(JsonValueKind.Null, deliveries[0].GetProperty("dropped").ValueKind);

        // One more: the gap widens rather than a second one opening.
        await webhooks.EnqueueAsync([PairEvent.Create("test", 7, WebhookEventTypes.SyncFailed, start.AddSeconds(7), pair.PairId, 0, "system", "system", "failed", ImmutableDictionary<string, string>.Empty)]);
        deliveries = await WebhookClient.WaitForDeliveriesAsync(
            admin, pair.PairId, webhookId, d => d.Count == 4 && d[3].GetProperty("dropped").GetInt32() == 4, TimeSpan.FromSeconds(10));
        Assert.AreEqual(events[3].At, deliveries[3].GetProperty("droppedUntil").GetDateTimeOffset());
    }
}
