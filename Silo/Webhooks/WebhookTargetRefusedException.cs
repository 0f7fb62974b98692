namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>A webhook's host resolved to an address it may not reach (<see cref="WebhookTargets"/>).</summary>
public sealed class WebhookTargetRefusedException(string host) : IOException($"Webhook host {host} resolves to an address webhooks may not reach.");
