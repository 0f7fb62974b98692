namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>The durable state of a pair's webhooks: registrations, the delivery queue and a bounded history.</summary>
public sealed class PairWebhooksState
{
    public List<Webhook> Webhooks { get; set; } = [];

    /// <summary>Per event source, the highest sequence taken into the queue: a re-sent outbox is dropped, not queued twice.</summary>
    public Dictionary<string, long> Taken { get; set; } = [];

    /// <summary>The last sequence of events recorded here (source <c>webhooks</c>, <see cref="Abstractions.Webhooks.IPairWebhooksGrain.PublishAsync"/>).</summary>
    public long PublishedSequence { get; set; }

    /// <summary>Oldest first: pending deliveries go out in this order per webhook; finished ones are the history.</summary>
    public List<QueuedDelivery> Deliveries { get; set; } = [];
}
