namespace Orleans.Bcp.Silo.Webhooks;

/// <summary>What a webhook target's address is, for <see cref="WebhookTargets"/>.</summary>
public enum WebhookAddressKind
{
    /// <summary>A public address: allowed everywhere.</summary>
    Public,

    /// <summary>Loopback, private, CGNAT or unspecified: the node's own networks, allowed in Development only.</summary>
    Local,

    /// <summary>Link-local (cloud metadata included), multicast, or an IPv6 range that carries an IPv4 address: never allowed.</summary>
    Forbidden,
}
