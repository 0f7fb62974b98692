using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Silo.Failback;

namespace Orleans.Bcp.Api.Failback;

/// <summary>What returning a pair to the primary does to the work done in its BCP tenant (docs/failback.md).</summary>
public static class FailbackEndpoints
{
    public static RouteGroupBuilder MapFailback(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenant-pairs/{pairId}").WithTags("Tenant pairs").RequireAuthorization().AddEndpointFilter<VisiblePairFilter>();
        group.MapGet("/failback", GetAsync).LimitAsCostly()
            .WithName("getFailback").WithSummary("Read what a return to the primary overwrites")
            .WithDescription("The sync is one way (primary to BCP): the first sync after a return overwrites what the BCP tenant's admins changed. " +
                "Lists every BCP entity created, changed or deleted since the last sync (which ran before the switch to BCP) with what that sync will do to it " +
                "(overwrite, delete, leave), the primary's own changes (null when the primary region's store does not answer: primaryReachable false, see notes), and counts. " +
                "Answers on either side: once back on the primary it describes what the first sync after the return will do. " +
                "The stores keep no time or author per entity: changedAt and changedBy are null when unknown. For the users of either tenant and operators; 404 for anyone else.")
            .ProducesProblems(404, "not-found");
        return group;
    }

    public static async Task<Results<Ok<FailbackDocument>, ProblemHttpResult>> GetAsync(string pairId, HttpContext http, FailbackService failback) =>
        TypedResults.Ok(FailbackDocument.From(await failback.GetAsync(VisiblePairFilter.Of(http))));
}
