using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Search;

namespace Orleans.Bcp.Api.Profile;

public static class MeEndpoints
{
    public static RouteHandlerBuilder MapMe(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/me", GetAsync).WithTags("Profile").RequireAuthorization()
            .WithName("getMe").WithSummary("Who am I")
            .WithDescription("The caller, its tenant's account name and region, its permissions, and whether the tenant is the BCP side of a pair (and which side is active).")
            .ProducesProblems(404, "tenant-not-found");

    public static async Task<Results<Ok<MeResponse>, ProblemHttpResult>> GetAsync(Caller caller, IGrainFactory grains, UserNames users)
    {
        var tenant = Ids.IsWellFormed(caller.TenantId) ? await grains.GetGrain<ITenantGrain>(caller.TenantId).GetAsync() : null;
        if (tenant is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, "tenant-not-found", "Your tenant does not exist",
                $"The token's tenant '{caller.TenantId}' is not known here.");
        }

        // A claim whose pair setup never completed is not a pair yet.
        var pair = tenant.PairId is null ? null : await grains.GetGrain<ITenantPairGrain>(tenant.PairId).GetStatusAsync();
        var names = await users.ResolveAsync([caller.Actor], new TenantRef(tenant.TenantId, tenant.Name, tenant.Region));
        return TypedResults.Ok(new MeResponse(
            caller.UserId,
            tenant.TenantId,
            tenant.Name,
            tenant.Region,
            pair is not null && tenant.Role == PairRole.Bcp,
            pair?.PairId,
            pair?.ActiveSide,
            [.. caller.Permissions.Order(StringComparer.Ordinal)])
        {
            Username = names.GetValueOrDefault((tenant.TenantId, caller.UserId)),
        });
    }
}
