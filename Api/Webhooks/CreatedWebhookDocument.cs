using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Api.Webhooks;

/// <summary>A new webhook with its signing secret: the only answer that ever shows the secret.</summary>
/// <param name="WebhookId">Its id.</param>
/// <param name="Url">Where events are posted.</param>
/// <param name="Events">The event types it receives.</param>
/// <param name="CreatedAt">When it was registered.</param>
/// <param name="Secret">The Standard Webhooks signing secret (<c>whsec_</c> and base64); keep it, it is not shown again.</param>
public sealed record CreatedWebhookDocument(string WebhookId, string Url, ImmutableList<string> Events, DateTimeOffset CreatedAt, string Secret)
{
    public static CreatedWebhookDocument From(WebhookCreated created) =>
        new(created.Webhook.WebhookId, created.Webhook.Url, created.Webhook.Events, created.Webhook.CreatedAt, created.Secret);
}
