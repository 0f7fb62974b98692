using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Webhooks;

namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>
/// Where webhooks may post (SSRF): outside Development only <c>https</c>, only public addresses and only the
/// allowed ports (<see cref="WebhookOptions.AllowedPorts"/>, 443 by default), checked when a webhook is
/// registered and again on every connect (<see cref="ConnectAsync"/>), so a name that resolves elsewhere later
/// (DNS rebinding) still cannot reach the node's own network. Development allows <c>http</c>, loopback and
/// private addresses and any port unless ports are configured, for a receiver on the developer's machine; it
/// still refuses link-local addresses, cloud metadata and the IPv6 ranges that carry IPv4 addresses.
/// </summary>
public sealed class WebhookTargets(IHostEnvironment environment, IOptions<WebhookOptions> options)
{
    public const int MaxUrlLength = 2000;

    private const int HttpsPort = 443;

    public bool AllowsPrivate => environment.IsDevelopment();

    /// <summary>Why <paramref name="url"/> may not be a webhook's target, or null when it may.</summary>
    public async Task<string?> RefusalAsync(string url, CancellationToken cancellationToken = default)
    {
        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.Host.Length == 0)
        {
            return $"url must be an absolute http(s) URL of at most {MaxUrlLength} characters.";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "url must not carry credentials.";
        }

        if (!AllowsPrivate && uri.Scheme != "https")
        {
            return "url must use https.";
        }

        if (!AllowsPort(uri.Port))
        {
            return $"url's port must be one of {string.Join(", ", AllowedPorts!)}.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"url's host {uri.DnsSafeHost} does not resolve.";
        }

        return addresses.Length == 0 ? $"url's host {uri.DnsSafeHost} does not resolve."
            : addresses.All(Reachable) ? null
            : AllowsPrivate ? "url must not point at a link-local, cloud metadata or IPv4-carrying IPv6 address."
            : "url must not point at a loopback, link-local, private or IPv4-carrying IPv6 address.";
    }

    /// <summary>The HTTP handler's connect: resolves the host and connects only to an address and port it may reach.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = await ResolveAsync(host, cancellationToken);
        if (!AllowsPort(context.DnsEndPoint.Port) || !addresses.All(Reachable))
        {
            throw new WebhookTargetRefusedException(host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The configured ports, else 443 outside Development and any port in it (null).</summary>
    private int[]? AllowedPorts => options.Value.AllowedPorts is { Length: > 0 } configured ? configured : AllowsPrivate ? null : [HttpsPort];

    private bool AllowsPort(int port) => AllowedPorts is not { } allowed || allowed.Contains(port);

    private bool Reachable(IPAddress address) => WebhookAddresses.Classify(address) switch
    {
        WebhookAddressKind.Public => true,
        WebhookAddressKind.Local => AllowsPrivate,
        _ => false,
    };

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
}
