namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>A tenant and the region whose store holds its configuration.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="Region">The tenant's region.</param>
public sealed record TenantLocation(string TenantId, string Region);
