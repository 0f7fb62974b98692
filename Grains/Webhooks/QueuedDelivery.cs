using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>
/// One event's delivery to one webhook, as stored; or a gap (<see cref="DeliveryStatus.Dropped"/>) standing for
/// <paramref name="Dropped"/> events dropped unsent from a full queue, <paramref name="Event"/> being the first of them.
/// </summary>
public sealed record QueuedDelivery(
    string WebhookId,
    PairEvent Event,
    DeliveryStatus Status,
    int Attempts,
    int? LastHttpStatus,
    string? LastError,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    int Dropped = 0,
    DateTimeOffset? DroppedUntil = null)
{
    public static QueuedDelivery For(string webhookId, PairEvent pairEvent) =>
        new(webhookId, pairEvent, DeliveryStatus.Pending, 0, null, null, null, pairEvent.At, null);

    /// <summary>A gap that starts with this (pending) delivery's event.</summary>
    public QueuedDelivery ToGap() =>
        new(WebhookId, Event, DeliveryStatus.Dropped, 0, null, null, null, null, null, 1, Event.At);

    /// <summary>This gap with <paramref name="next"/>'s event dropped into it too.</summary>
    public QueuedDelivery Widen(QueuedDelivery next) => this with { Dropped = Dropped + 1, DroppedUntil = next.Event.At };

    public WebhookDelivery ToView() =>
        new(Event.EventId, Event.Type, Event.At, Status, Attempts, LastHttpStatus, LastError, LastAttemptAt,
            Status == DeliveryStatus.Pending ? NextAttemptAt : null, DeliveredAt,
            Status == DeliveryStatus.Dropped ? Dropped : null, Status == DeliveryStatus.Dropped ? DroppedUntil : null);
}
