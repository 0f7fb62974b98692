using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Search;

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
        group.MapGet("/", SearchAsync).RequireAuthorization(Permissions.Setup).LimitAsCostly()
            .WithName("searchTenants").WithSummary("Find tenants by name")
            .WithDescription("Tenants whose account name contains, or whose id starts with, `search` (any case; every tenant when empty), a page at a time. A page reads at most 2,000 entries: it may hold fewer than pageSize, or none, and still carry a continuationToken; follow it until it is null.")
            .WithIntegerQuery("pageSize", 1, SearchQuery.MaxPageSize, SearchQuery.DefaultPageSize).ProducesProblems(400, "validation");
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

    public static Task<Results<Ok<TenantPage>, ProblemHttpResult>> SearchAsync(
        NameDirectory directory, string? search = null, string? pageSize = null, string? continuationToken = null) =>
        SearchQuery.AnswerAsync(search, pageSize, continuationToken,
            query => directory.SearchTenantsAsync(query.Search, query.PageSize, query.Cursor), (items, token) => new TenantPage(items, token));

    public static async Task<Results<Ok<TenantResponse>, ProblemHttpResult>> GetAsync(
        string tenantId, Caller caller, IGrainFactory grains, PairStateCache pairs, StoredGrainState stored)
    {
        // Who may see the tenant is decided before it is read, so an id that does not exist activates no grain.
        if (!Ids.IsWellFormed(tenantId) || !await MaySeeAsync(caller, tenantId, pairs, stored))
        {
            return Problem.NotFound("Tenant");
        }

        var tenant = await grains.GetGrain<ITenantGrain>(tenantId).GetAsync();
        return tenant is null ? Problem.NotFound("Tenant") : TypedResults.Ok(TenantResponse.From(tenant));
    }

    /// <summary>
    /// A tenant is visible to its own users, to the users of its pair partner, and to operators. A tenant's user is
    /// answered from the own tenant and pair (kept on this silo); an operator, who may see any tenant, from the control
    /// store first, read without activating the tenant's grain.
    /// </summary>
    private static async Task<bool> MaySeeAsync(Caller caller, string tenantId, PairStateCache pairs, StoredGrainState stored)
    {
        if (caller.Has(Permissions.Setup))
        {
            return await stored.TenantAsync(tenantId) is not null;
        }

        if (caller.TenantId == tenantId)
        {
            return true;
        }

        if (!Ids.IsWellFormed(caller.TenantId) || (await pairs.TenantAsync(caller.TenantId))?.PairId is not { } pairId)
        {
            return false;
        }

        var pair = await pairs.PairAsync(pairId);
        return pair is not null && (pair.Primary.TenantId == tenantId || pair.Bcp.TenantId == tenantId);
    }
}
