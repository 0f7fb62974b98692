using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Http;

/// <summary>The tenant (with the region that holds its configuration) and the entity type a request is about.</summary>
internal sealed record ConfigTarget(TenantLocation Tenant, EntityTypeInfo Type)
{
    /// <summary>
    /// Only the tenant's own users see its configuration; for anyone else the tenant does not exist
    /// (404, as for pairs). The type is checked after access, so outsiders learn nothing either way.
    /// </summary>
    public static async Task<(ConfigTarget? Target, ProblemHttpResult? Problem)> ResolveAsync(
        IGrainFactory grains, Caller caller, string tenantId, string type)
    {
        if (caller.TenantId != tenantId || !Ids.IsWellFormed(tenantId))
        {
            return (null, ConfigProblems.TenantNotFound());
        }

        var tenant = await grains.GetGrain<ITenantGrain>(tenantId).GetAsync();
        if (tenant is null)
        {
            return (null, ConfigProblems.TenantNotFound());
        }

        return EntityTypes.Find(type) is { } entityType
            ? (new ConfigTarget(new TenantLocation(tenant.TenantId, tenant.Region), entityType), null)
            : (null, ConfigProblems.UnknownType(type));
    }
}
