using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Configuration;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// A plain Orleans client, as an outsider would write one: static clustering on one endpoint, the cluster's real
/// ids, no retries; with or without a certificate. It tries to read a pair through <see cref="ITenantPairGrain"/>.
/// </summary>
public static class OutsideClient
{
    /// <summary>
    /// How long one attempt is watched. A client refused after the TLS handshake may keep retrying its start
    /// (Orleans' client re-fetches the cluster manifest); what counts is that no grain answers it meanwhile.
    /// </summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The outcome of one attempt: whether it ended within <see cref="Bound"/>, what stopped it (null if the grain answered)
    /// and how long it took.
    /// </summary>
    public static async Task<(bool Ended, Exception? Failure, TimeSpan Took)> TryCallAsync(int port, string clusterId, X509Certificate2? certificate)
    {
        var started = Stopwatch.StartNew();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.UseStaticClustering(new IPEndPoint(IPAddress.Loopback, port));
            client.Configure<ClusterOptions>(options =>
            {
                options.ClusterId = clusterId;
                options.ServiceId = clusterId;
            });
            client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(10));
            client.UseConnectionRetryFilter((_, _) => Task.FromResult(false));
            if (certificate is not null)
            {
                client.UseTls(certificate, tls => tls.AllowAnyRemoteCertificate());
            }
        });
        using var host = builder.Build();
        var attempt = CallAsync(host);
        var finished = await Task.WhenAny(attempt, Task.Delay(Bound));
        if (finished != attempt)
        {
            return (false, null, started.Elapsed);
        }

        var failure = await attempt;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await host.StopAsync(stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or OrleansException or ObjectDisposedException)
        {
            // A client that never connected may not stop cleanly; the outcome is already known.
        }

        return (true, failure, started.Elapsed);
    }

    private static async Task<Exception?> CallAsync(IHost host)
    {
        try
        {
            await host.StartAsync();
            await host.Services.GetRequiredService<IClusterClient>().GetGrain<ITenantPairGrain>("outsider").GetStatusAsync();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
