using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>One event's delivery to one webhook, as stored.</summary>
public sealed record QueuedDelivery(
    string WebhookId,
    PairEvent Event,
    DeliveryStatus Status,
    int Attempts,
    int? LastHttpStatus,
    string? LastError,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt)
{
    public static QueuedDelivery For(string webhookId, PairEvent pairEvent) =>
        new(webhookId, pairEvent, DeliveryStatus.Pending, 0, null, null, null, pairEvent.At, null);

    public WebhookDelivery ToView() =>
        new(Event.EventId, Event.Type, Event.At, Status, Attempts, LastHttpStatus, LastError, LastAttemptAt,
            Status == DeliveryStatus.Pending ? NextAttemptAt : null, DeliveredAt);
}
