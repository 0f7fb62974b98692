namespace Orleans.Bcp.Api.Webhooks;

/// <summary>Body of <c>POST /tenant-pairs/{pairId}/webhooks</c>.</summary>
/// <param name="Url">Where to post events: https, on a public address and port 443 unless the node allows others (http, loopback and private addresses in Development only).</param>
/// <param name="Events">The event types to receive, at least one.</param>
public sealed record CreateWebhookRequest(string? Url, List<string?>? Events);
