namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>Who asks: the caller's user id and the tenant they are logged in to.</summary>
/// <param name="UserId">The token's subject.</param>
/// <param name="TenantId">The token's tenant.</param>
[GenerateSerializer, Immutable, Alias("bcp.Actor")]
public sealed record Actor(string UserId, string TenantId);
