using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>One attempt to deliver <paramref name="Event"/> to a webhook, handed to the silo's <see cref="IWebhookSender"/>.</summary>
public sealed record WebhookAttempt(string PairId, string WebhookId, string Url, string Secret, PairEvent Event);
