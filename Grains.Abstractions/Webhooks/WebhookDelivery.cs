namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>One event's delivery to one webhook.</summary>
/// <param name="EventId">The event's id (the <c>webhook-id</c> header); for a gap, the first dropped event's.</param>
/// <param name="Type">The event's type; for a gap, the first dropped event's.</param>
/// <param name="EventAt">When the event happened; for a gap, when the first dropped event did (since when events are missing).</param>
/// <param name="Status">Where the delivery stands.</param>
/// <param name="Attempts">Attempts made so far.</param>
/// <param name="LastHttpStatus">The HTTP status of the last attempt, when the receiver answered.</param>
/// <param name="LastError">Why the last attempt failed without an answer (<c>timeout</c>, <c>connection-failed</c>, <c>target-refused</c>), or null.</param>
/// <param name="LastAttemptAt">When the last attempt was made.</param>
/// <param name="NextAttemptAt">When the next attempt is due (pending only; it also waits for the earlier events of its webhook).</param>
/// <param name="DeliveredAt">When a receiver answered 2xx.</param>
/// <param name="Dropped">For a gap (status <c>dropped</c>): how many events were dropped unsent there; else null.</param>
/// <param name="DroppedUntil">For a gap: when the last event dropped there happened; else null.</param>
[GenerateSerializer, Immutable, Alias("bcp.WebhookDelivery")]
public sealed record WebhookDelivery(
    string EventId,
    string Type,
    DateTimeOffset EventAt,
    DeliveryStatus Status,
    int Attempts,
    int? LastHttpStatus,
    string? LastError,
    DateTimeOffset? LastAttemptAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    int? Dropped = null,
    DateTimeOffset? DroppedUntil = null);
