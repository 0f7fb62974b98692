using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Webhooks;
using StandardWebhooks;

namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>
/// Posts webhook attempts, signed per Standard Webhooks (<c>webhook-id</c> = the event id on every attempt,
/// <c>webhook-timestamp</c>, <c>webhook-signature: v1,…</c>), with the named client <see cref="ClientName"/>
/// (no redirects, no proxy, the attempt timeout, connects checked by <see cref="WebhookTargets"/>).
/// </summary>
public sealed partial class WebhookSender(IHttpClientFactory clients, IGrainFactory grains, TimeProvider timeProvider, ILogger<WebhookSender> logger)
    : IWebhookSender
{
    public const string ClientName = "webhooks";

    public void Send(WebhookAttempt attempt) => _ = Task.Run(() => RunAsync(attempt));

    private async Task RunAsync(WebhookAttempt attempt)
    {
        var result = await PostAsync(attempt);
        if (!result.Delivered)
        {
            LogFailed(attempt.PairId, attempt.WebhookId, attempt.Event.EventId, result.HttpStatus, result.Error);
        }

        try
        {
            await grains.GetGrain<IPairWebhooksGrain>(attempt.PairId).CompleteAttemptAsync(attempt.WebhookId, attempt.Event.EventId, result);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The grain hands the attempt out again once it has been out too long.
            LogReportLost(ex, attempt.PairId, attempt.WebhookId, attempt.Event.EventId);
        }
    }

    private async Task<AttemptResult> PostAsync(WebhookAttempt attempt)
    {
        try
        {
            var body = WebhookPayload.Serialize(attempt.Event);
            var timestamp = timeProvider.GetUtcNow();
            using var request = new HttpRequestMessage(HttpMethod.Post, attempt.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.Add("webhook-id", attempt.Event.EventId);
            request.Headers.Add("webhook-timestamp", timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));
            request.Headers.Add("webhook-signature", new StandardWebhook(attempt.Secret).Sign(attempt.Event.EventId, timestamp, body));
            using var client = clients.CreateClient(ClientName);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return new AttemptResult(timeProvider.GetUtcNow(), (int)response.StatusCode, null);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return new AttemptResult(timeProvider.GetUtcNow(), null, ErrorKind(ex));
        }
    }

    private static string ErrorKind(Exception ex) => ex switch
    {
        TaskCanceledException or TimeoutException => "timeout",
        _ when Contains<WebhookTargetRefusedException>(ex) => "target-refused",
        _ => "connection-failed",
    };

    private static bool Contains<T>(Exception ex) where T : Exception
    {
        for (Exception? current = ex; current is not null; current = current.InnerException)
        {
            if (current is T)
            {
                return true;
            }
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Webhook {WebhookId} of pair {PairId}: event {EventId} not delivered (status {HttpStatus}, error {Error})")]
    private partial void LogFailed(string pairId, string webhookId, string eventId, int? httpStatus, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} of pair {PairId}: the end of the attempt at event {EventId} could not be reported")]
    private partial void LogReportLost(Exception exception, string pairId, string webhookId, string eventId);
}
