using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Tenants;

/// <summary>
/// Where operators find tenants by name (GET /tenants?search=): one entry per tenant, written when the tenant is
/// created. A tenant's name and region never change, so an entry never needs rewriting.
/// </summary>
public interface ITenantDirectory
{
    /// <summary>Lists the tenant; listing it again changes nothing.</summary>
    Task AddTenantAsync(TenantInfo tenant);
}
