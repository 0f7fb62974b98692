using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>
/// A pair's webhooks, their secrets, and the durable queue of events to deliver to them, in order per
/// webhook, at least once, with retries. Key: pair id.
/// </summary>
[Alias("bcp.IPairWebhooksGrain")]
public interface IPairWebhooksGrain : IGrainWithStringKey
{
    /// <summary>The most webhooks a pair has.</summary>
    const int MaxWebhooks = 10;

    /// <summary>
    /// Registers a webhook (url and event types already validated) with a new secret; null when the pair
    /// already has <see cref="MaxWebhooks"/> (checked here, where concurrent registrations take turns).
    /// </summary>
    [Alias("RegisterAsync")]
    Task<WebhookCreated?> RegisterAsync(string url, ImmutableList<string> events);

    /// <summary>The pair's webhooks, oldest first, without secrets.</summary>
    [Alias("ListAsync")]
    Task<ImmutableList<WebhookInfo>> ListAsync();

    /// <summary>Removes a webhook and its pending deliveries; false when there is no such webhook.</summary>
    [Alias("RemoveAsync")]
    Task<bool> RemoveAsync(string webhookId);

    /// <summary>A webhook's deliveries, newest first; null when there is no such webhook.</summary>
    [Alias("GetDeliveriesAsync")]
    Task<ImmutableList<WebhookDelivery>?> GetDeliveriesAsync(string webhookId, int limit);

    /// <summary>
    /// Takes events into the durable queue (one state write) and returns: delivery happens later, outside
    /// this call. Idempotent: an event whose source sequence was taken before is dropped.
    /// </summary>
    [Alias("EnqueueAsync")]
    Task EnqueueAsync(ImmutableList<PairEvent> events);

    /// <summary>
    /// Records an event that no other state write records (e.g. <c>readiness.changed</c>): numbered under
    /// the source <c>webhooks</c> and queued like any other.
    /// </summary>
    [Alias("PublishAsync")]
    Task PublishAsync(string type, long epoch, string outcome, ImmutableDictionary<string, string> details);

    /// <summary>Reports how an attempt the grain handed out ended (called by the sender, outside the grain's turn).</summary>
    [Alias("CompleteAttemptAsync")]
    Task CompleteAttemptAsync(string webhookId, string eventId, AttemptResult result);
}
