using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>A registered webhook, without its secret.</summary>
/// <param name="WebhookId">Its id.</param>
/// <param name="Url">Where events are posted.</param>
/// <param name="Events">The event types it receives.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="LastDelivery">Its most recent delivery, if any.</param>
[GenerateSerializer, Immutable, Alias("bcp.WebhookInfo")]
public sealed record WebhookInfo(string WebhookId, string Url, ImmutableList<string> Events, DateTimeOffset CreatedAt, WebhookDelivery? LastDelivery);
