using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Tenants;

public sealed record TenantResponse(string TenantId, string Name, string Region, string? PairId, PairRole? Role, DateTimeOffset CreatedAt)
{
    public static TenantResponse From(TenantInfo tenant) =>
        new(tenant.TenantId, tenant.Name, tenant.Region, tenant.PairId, tenant.Role, tenant.CreatedAt);
}
