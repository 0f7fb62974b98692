namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>Where one event's delivery to one webhook stands (JSON: <c>pending</c>, <c>delivered</c>, <c>failed</c>).</summary>
[GenerateSerializer, Alias("bcp.DeliveryStatus")]
public enum DeliveryStatus
{
    /// <summary>Not yet answered with a 2xx: waiting for its turn or its next attempt.</summary>
    Pending,

    /// <summary>A receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Given up: no 2xx within the retry window (24 h by default).</summary>
    Failed,

    /// <summary>
    /// A gap: events dropped unsent because the webhook's queue was full (its oldest pending went first);
    /// <see cref="WebhookDelivery.Dropped"/> says how many, from the event named to <see cref="WebhookDelivery.DroppedUntil"/>.
    /// </summary>
    Dropped,
}
