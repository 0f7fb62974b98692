using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>The pair's webhooks grain: a re-sent outbox is taken once, and an event recorded with one call is delivered.</summary>
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
}
