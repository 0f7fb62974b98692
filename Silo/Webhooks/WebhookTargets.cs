using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Hosting;

namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>
/// Where webhooks may post (SSRF): outside Development only <c>https</c> and only public addresses, checked
/// when a webhook is registered and again on every connect (<see cref="ConnectAsync"/>), so a name that
/// resolves elsewhere later (DNS rebinding) still cannot reach the node's own network. Development allows
/// <c>http</c> and loopback, for a receiver on the developer's machine.
/// </summary>
public sealed class WebhookTargets(IHostEnvironment environment)
{
    public const int MaxUrlLength = 2000;

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

        if (AllowsPrivate)
        {
            return null;
        }

        if (uri.Scheme != "https")
        {
            return "url must use https.";
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(uri.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"url's host {uri.DnsSafeHost} does not resolve.";
        }

        return addresses.Length == 0 ? $"url's host {uri.DnsSafeHost} does not resolve."
            : addresses.All(IsPublic) ? null
            : "url must not point at a loopback, link-local or private address.";
    }

    /// <summary>The HTTP handler's connect: resolves the host and connects only to an address it may reach.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        if (!AllowsPrivate && !addresses.All(IsPublic))
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

    /// <summary>False for loopback, link-local (cloud metadata included), private, CGNAT, unspecified and multicast addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return false;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return !(b[0] is 0 or 10 or 127 or >= 224
                || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
                || (b[0] == 169 && b[1] == 254)
                || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
                || (b[0] == 192 && b[1] == 168)
                || (b[0] == 192 && b[1] == 0 && b[2] == 0));
        }

        var bytes = address.GetAddressBytes();
        return !(address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any)
            || address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast
            || (bytes[0] & 0xfe) == 0xfc);
    }
}
