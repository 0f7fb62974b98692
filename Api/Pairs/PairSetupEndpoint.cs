using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Pairs;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// Checks a pair setup request and maps what <see cref="PairSetup"/> did to HTTP.
/// </summary>
internal static class PairSetupEndpoint
{
    public static async Task<Results<Created<PairStatusDocument>, ProblemHttpResult>> RunAsync(
        CreatePairRequest request, Actor actor, PairSetup setup)
    {
        if (!Ids.IsWellFormed(request.PrimaryTenantId) || !Ids.IsWellFormed(request.BcpTenantId))
        {
            return Problem.Invalid("primaryTenantId", "primaryTenantId and bcpTenantId must be tenant ids.");
        }

        if (request.PrimaryTenantId == request.BcpTenantId)
        {
            return Problem.Invalid("bcpTenantId", "The BCP tenant must be another tenant than the primary.");
        }

        var result = await setup.CreateAsync(Ids.New(), request.PrimaryTenantId!, request.BcpTenantId!, actor);
        return result.Outcome switch
        {
            PairSetupOutcome.Created => TypedResults.Created(
                $"/tenant-pairs/{result.Created!.Status.PairId}",
                PairStatusDocument.From(result.Created.Status) with { Passkey = result.Created.Passkey }),
            PairSetupOutcome.TenantNotFound => Problem.Of(StatusCodes.Status422UnprocessableEntity, "tenant-not-found",
                "A tenant of the pair does not exist", $"Tenant '{result.TenantId}' does not exist."),
            PairSetupOutcome.SameRegion => Problem.Of(StatusCodes.Status422UnprocessableEntity, "same-region", "Both tenants are in one region",
                $"A BCP tenant must be in another region than its primary (both are in '{result.Region}')."),
            _ => AlreadyPaired(result.TenantId!),
        };
    }

    private static ProblemHttpResult AlreadyPaired(string tenantId) =>
        Problem.Of(StatusCodes.Status409Conflict, "tenant-already-paired", "A tenant belongs to another pair",
            $"Tenant '{tenantId}' already belongs to a pair.");
}
