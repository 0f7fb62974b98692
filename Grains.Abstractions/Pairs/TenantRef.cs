namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>One side of a pair as the pair remembers it.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="AccountName">The tenant's account name.</param>
/// <param name="Region">The tenant's region.</param>
[GenerateSerializer, Immutable, Alias("bcp.TenantRef")]
public sealed record TenantRef(string TenantId, string AccountName, string Region);
