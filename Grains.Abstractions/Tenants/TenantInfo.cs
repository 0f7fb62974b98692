namespace Orleans.Bcp.Grains.Abstractions.Tenants;

/// <summary>A tenant: one customer system in one region, and the pair it belongs to, if any.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="Name">The account name shown to users, e.g. "Classics Inc.".</param>
/// <param name="Region">The region whose store holds the tenant's configuration, e.g. "us-east".</param>
/// <param name="PairId">The pair the tenant belongs to, or null.</param>
/// <param name="Role">The tenant's role in that pair, or null.</param>
/// <param name="CreatedAt">When the tenant was created.</param>
[GenerateSerializer, Immutable, Alias("bcp.TenantInfo")]
public sealed record TenantInfo(string TenantId, string Name, string Region, string? PairId, PairRole? Role, DateTimeOffset CreatedAt);
