using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>A registered webhook as stored: the secret signs every delivery and is never shown again.</summary>
public sealed record Webhook(string WebhookId, string Url, ImmutableList<string> Events, string Secret, DateTimeOffset CreatedAt);
