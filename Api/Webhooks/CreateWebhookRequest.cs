namespace Orleans.Bcp.Api.Webhooks;

/// <summary>Body of <c>POST /tenant-pairs/{pairId}/webhooks</c>.</summary>
/// <param name="Url">Where to post events: https, on a public address (http and loopback in Development only).</param>
/// <param name="Events">The event types to receive, at least one.</param>
public sealed record CreateWebhookRequest(string? Url, List<string?>? Events);
