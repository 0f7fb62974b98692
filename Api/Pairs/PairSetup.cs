using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Api.Problems;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// Sets a pair up across three grains: claim both tenants, then create the pair. A claim whose pair
/// was never created (a crash in between) expires, so no tenant is stuck (see TenantGrain).
/// </summary>
internal static class PairSetup
{
    public static async Task<Results<Created<PairStatusDocument>, ProblemHttpResult>> RunAsync(
        CreatePairRequest request, Actor actor, IGrainFactory grains, PairStateCache pairs)
    {
        if (!Ids.IsWellFormed(request.PrimaryTenantId) || !Ids.IsWellFormed(request.BcpTenantId))
        {
            return Problem.Invalid("primaryTenantId", "primaryTenantId and bcpTenantId must be tenant ids.");
        }

        if (request.PrimaryTenantId == request.BcpTenantId)
        {
            return Problem.Invalid("bcpTenantId", "The BCP tenant must be another tenant than the primary.");
        }

        var primaryGrain = grains.GetGrain<ITenantGrain>(request.PrimaryTenantId!);
        var bcpGrain = grains.GetGrain<ITenantGrain>(request.BcpTenantId!);
        var primary = await primaryGrain.GetAsync();
        var bcp = await bcpGrain.GetAsync();
        if (primary is null || bcp is null)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, "tenant-not-found", "A tenant of the pair does not exist",
                $"Tenant '{(primary is null ? request.PrimaryTenantId : request.BcpTenantId)}' does not exist.");
        }

        if (primary.Region == bcp.Region)
        {
            return Problem.Of(StatusCodes.Status422UnprocessableEntity, "same-region", "Both tenants are in one region",
                $"A BCP tenant must be in another region than its primary (both are in '{primary.Region}').");
        }

        var pairId = Ids.New();
        if (await primaryGrain.ClaimAsync(pairId, PairRole.Primary) != ClaimOutcome.Claimed)
        {
            return AlreadyPaired(primary.TenantId);
        }

        if (await bcpGrain.ClaimAsync(pairId, PairRole.Bcp) != ClaimOutcome.Claimed)
        {
            await primaryGrain.ReleaseClaimAsync(pairId);
            return AlreadyPaired(bcp.TenantId);
        }

        var created = await grains.GetGrain<ITenantPairGrain>(pairId).CreateAsync(
            new TenantRef(primary.TenantId, primary.Name, primary.Region),
            new TenantRef(bcp.TenantId, bcp.Name, bcp.Region),
            actor);
        // This silo's hot paths see the new pair at once (tenants it kept as unpaired are read again).
        pairs.Remember(created!.Status);
        var document = PairStatusDocument.From(created!.Status) with { Passkey = created.Passkey };
        return TypedResults.Created($"/tenant-pairs/{pairId}", document);
    }

    private static ProblemHttpResult AlreadyPaired(string tenantId) =>
        Problem.Of(StatusCodes.Status409Conflict, "tenant-already-paired", "A tenant belongs to another pair",
            $"Tenant '{tenantId}' already belongs to a pair.");
}
