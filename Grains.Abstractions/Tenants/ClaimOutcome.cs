namespace Orleans.Bcp.Grains.Abstractions.Tenants;

/// <summary>The answer to a pair's claim on a tenant.</summary>
[GenerateSerializer, Alias("bcp.ClaimOutcome")]
public enum ClaimOutcome
{
    /// <summary>The tenant now belongs to the claiming pair (or already did).</summary>
    Claimed,

    /// <summary>The tenant does not exist.</summary>
    TenantNotFound,

    /// <summary>The tenant belongs to another pair.</summary>
    AlreadyPaired,
}
