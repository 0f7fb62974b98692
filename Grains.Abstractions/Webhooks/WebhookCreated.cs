namespace Orleans.Bcp.Grains.Abstractions.Webhooks;

/// <summary>A new webhook and its signing secret (<c>whsec_…</c>): the only time the secret leaves the grain.</summary>
[GenerateSerializer, Immutable, Alias("bcp.WebhookCreated")]
public sealed record WebhookCreated(WebhookInfo Webhook, string Secret);
