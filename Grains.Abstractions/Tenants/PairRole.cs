namespace Orleans.Bcp.Grains.Abstractions.Tenants;

/// <summary>Which side of a pair a tenant is; also the name of a pair's active side.</summary>
[GenerateSerializer, Alias("bcp.PairRole")]
public enum PairRole
{
    /// <summary>The customer's main tenant.</summary>
    Primary,

    /// <summary>The standby tenant in another region.</summary>
    Bcp,
}
