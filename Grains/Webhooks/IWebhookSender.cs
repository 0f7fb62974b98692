namespace Orleans.Bcp.Grains.Webhooks;

/// <summary>
/// Posts attempts on this silo outside the webhooks grain's turn: a slow receiver holds an HTTP
/// connection, never the grain (so never a switch that hands events to it). The sender reports each
/// end with <see cref="Abstractions.Webhooks.IPairWebhooksGrain.CompleteAttemptAsync"/>.
/// </summary>
public interface IWebhookSender
{
    /// <summary>Begins the attempt in the background and returns at once.</summary>
    void Send(WebhookAttempt attempt);
}
