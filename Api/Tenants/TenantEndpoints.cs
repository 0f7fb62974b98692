using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Api.OpenApi;
using Orleans.Bcp.Api.Problems;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Tenants;

public static class TenantEndpoints
{
    public static RouteGroupBuilder MapTenants(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenants").WithTags("Tenants").RequireAuthorization();
        group.MapPost("/", CreateAsync).RequireAuthorization(Permissions.Setup)
            .WithName("createTenant").WithSummary("Create a tenant")
            .WithDescription("Creates a tenant in a region; the server makes its id.")
            .ProducesProblems(400, "validation");
        group.MapGet("/{tenantId}", GetAsync)
            .WithName("getTenant").WithSummary("Read a tenant")
            .WithDescription("A tenant's name, region, and pair if any. Visible to its own users, its pair partner's users and operators; 404 for anyone else.")
            .ProducesProblems(404, "not-found");
        return group;
    }

    public static async Task<Results<Created<TenantResponse>, ProblemHttpResult>> CreateAsync(
        CreateTenantRequest request, IGrainFactory grains)
    {
        if (!TenantValidation.IsValidName(request.Name))
        {
            return Problem.Invalid("name", $"A name of 1 to {TenantValidation.MaxNameLength} printable characters is required.");
        }

        if (!TenantValidation.IsValidRegion(request.Region))
        {
            return Problem.Invalid("region", "A region such as 'us-east' is required (lower-case letters, digits and dashes).");
        }

        var tenantId = Ids.New();
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        await tenant.CreateAsync(request.Name!.Trim(), request.Region!);
        var created = await tenant.GetAsync();
        return TypedResults.Created($"/tenants/{tenantId}", TenantResponse.From(created!));
    }

    public static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(
        string tenantId, ClaimsPrincipal user, IGrainFactory grains)
    {
        var caller = Caller.From(user);
        var tenant = Ids.IsWellFormed(tenantId) ? await grains.GetGrain<ITenantGrain>(tenantId).GetAsync() : null;
        if (tenant is null || !await CanSeeAsync(caller, tenant, grains))
        {
            return Problem.NotFound("Tenant");
        }

        return TypedResults.Ok(TenantResponse.From(tenant));
    }

    // A tenant is visible to its own users, to the users of its pair partner, and to operators.
    private static async Task<bool> CanSeeAsync(Caller caller, TenantInfo tenant, IGrainFactory grains)
    {
        if (caller.TenantId == tenant.TenantId || caller.Has(Permissions.Setup))
        {
            return true;
        }

        if (tenant.PairId is null || !Ids.IsWellFormed(caller.TenantId))
        {
            return false;
        }

        var own = await grains.GetGrain<ITenantGrain>(caller.TenantId).GetAsync();
        return own?.PairId == tenant.PairId;
    }
}
