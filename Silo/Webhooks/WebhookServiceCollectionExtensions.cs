using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Webhooks;

namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>Webhook delivery on a silo: the schedule, the target rules, the sender and its HTTP client.</summary>
public static class WebhookServiceCollectionExtensions
{
    public static IServiceCollection AddBcpWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().BindConfiguration("Webhooks").Validate(
            options => options.FirstRetryDelay > TimeSpan.Zero && options.MaxRetryDelay >= options.FirstRetryDelay
                && options.AttemptTimeout > TimeSpan.Zero && options.PollInterval > TimeSpan.Zero && options.HistoryPerWebhook > 0 && options.MaxPendingPerWebhook > 0
                && options.AllowedPorts.All(port => port is > 0 and <= 65535),
            "Webhooks: FirstRetryDelay, AttemptTimeout, PollInterval, HistoryPerWebhook and MaxPendingPerWebhook must be positive, MaxRetryDelay at least FirstRetryDelay, AllowedPorts from 1 to 65535.")
            .ValidateOnStart();
        services.AddSingleton<WebhookTargets>();
        services.AddSingleton<IWebhookSender, WebhookSender>();
        services.AddHttpClient(WebhookSender.ClientName, (provider, client) =>
                client.Timeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout)
            .ConfigurePrimaryHttpMessageHandler(provider => new SocketsHttpHandler
            {
                // A 3xx is a failed attempt: following it would let a receiver point the silo anywhere.
                AllowAutoRedirect = false,
                // A proxy would make the connect check look at the proxy, not the target.
                UseProxy = false,
                UseCookies = false,
                ConnectTimeout = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.AttemptTimeout,
                ConnectCallback = provider.GetRequiredService<WebhookTargets>().ConnectAsync,
            });
        return services;
    }
}
