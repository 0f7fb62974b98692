using System.Net;
using System.Net.Sockets;

namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>Sorts a webhook target's address into <see cref="WebhookAddressKind"/>.</summary>
public static class WebhookAddresses
{
    /// <summary>AWS' IPv6 instance metadata address (a unique local address, so otherwise only "local").</summary>
    private static readonly IPAddress Ec2MetadataV6 = IPAddress.Parse("fd00:ec2::254");

    public static WebhookAddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return WebhookAddressKind.Local;
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? ClassifyV4(address.GetAddressBytes()) : ClassifyV6(address);
    }

    private static WebhookAddressKind ClassifyV4(byte[] b) =>
        (b[0] == 169 && b[1] == 254) || b[0] >= 224 ? WebhookAddressKind.Forbidden
        : b[0] is 0 or 10 or 127
            || (b[0] == 100 && b[1] >= 64 && b[1] < 128)
            || (b[0] == 172 && b[1] >= 16 && b[1] < 32)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 192 && b[1] == 0 && b[2] == 0) ? WebhookAddressKind.Local
        : WebhookAddressKind.Public;

    private static WebhookAddressKind ClassifyV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.Equals(IPAddress.IPv6Any))
        {
            return WebhookAddressKind.Local;
        }

        // NAT64 (64:ff9b::/96, 64:ff9b:1::/48), 6to4 (2002::/16), Teredo (2001::/32) and IPv4-compatible (::/96)
        // addresses reach an IPv4 address the rules above never see.
        var carriesV4 = (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && (AllZero(b, 4, 8) || (b[4] == 0x00 && b[5] == 0x01)))
            || (b[0] == 0x20 && b[1] == 0x02)
            || (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00)
            || AllZero(b, 0, 12);
        return carriesV4 || address.IsIPv6LinkLocal || address.IsIPv6Multicast || address.Equals(Ec2MetadataV6) ? WebhookAddressKind.Forbidden
            : address.IsIPv6SiteLocal || (b[0] & 0xfe) == 0xfc ? WebhookAddressKind.Local
            : WebhookAddressKind.Public;
    }

    private static bool AllZero(byte[] bytes, int start, int count) => bytes.AsSpan(start, count).IndexOfAnyExcept((byte)0) < 0;
}
