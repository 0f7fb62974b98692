using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Orleans.Bcp.Silo.Storage.Blob;

/// <summary>
/// How every Azure Storage client of this process talks to its store: Blob stores, grain state, membership and reminders.
/// </summary>
public static class StorageClientSettings
{
    /// <summary>The default bound on connections to one storage endpoint from this process (<see cref="StoreOptions.MaxConnections"/>).</summary>
    public const int DefaultMaxConnections = 64;

    /// <summary>The default time one try of a request may take (<see cref="StoreOptions.NetworkTimeout"/>).</summary>
    public static readonly TimeSpan DefaultNetworkTimeout = TimeSpan.FromSeconds(5);

    /// <summary>The longest <see cref="StoreOptions.NetworkTimeout"/> allowed: a switch waits up to three of them on a hung store.</summary>
    public static readonly TimeSpan MaxNetworkTimeout = TimeSpan.FromMinutes(1);

    private static readonly ConcurrentDictionary<int, HttpClientTransport> Transports = new();

    /// <summary>Applies the retries and the connection bound to a client's options, and returns them.</summary>
    /// <param name="options">A Blob or Table client's options.</param>
    /// <param name="maxConnections">At most this many connections per endpoint (host and port) from this process.</param>
    /// <param name="networkTimeout">How long one try of a request may take.</param>
    public static T Apply<T>(T options, int maxConnections, TimeSpan networkTimeout)
        where T : ClientOptions
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(networkTimeout, TimeSpan.Zero);

        // Few, short retries and a short network timeout, so an unreachable store becomes a 503 within seconds instead
        // of holding a grain turn (and a BCP switch) for the SDK's default minutes.
        options.Retry.MaxRetries = 2;
        options.Retry.Delay = TimeSpan.FromMilliseconds(200);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(1);
        options.Retry.NetworkTimeout = networkTimeout;

        // The SDK's own transport opens a connection for every request in flight, without bound: in a storm of switches
        // and logins a node opened over 10,000 to one store, and the store and the kernel's port search took the CPU
        // the requests needed (docs/benchmarks.md, "Cluster storm with lighter nodes"). Bounded, requests past it wait for a connection.
        options.Transport = Transports.GetOrAdd(maxConnections, static bound => new HttpClientTransport(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = bound,
            // As the SDK's own handler: its pipeline follows redirects, and no cookie is kept between requests.
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            // Picks up a changed address of the endpoint (DNS) now and then.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        }));
        return options;
    }
}
