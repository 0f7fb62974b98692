using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Silo.Readiness;

namespace Orleans.Bcp.Api.Readiness;

/// <summary>Whether a pair's BCP tenant would carry the calls if switched to now (docs/readiness.md).</summary>
public static class ReadinessEndpoints
{
    public static RouteGroupBuilder MapReadiness(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenant-pairs/{pairId}").WithTags("Tenant pairs").RequireAuthorization().AddEndpointFilter<VisiblePairFilter>();
        group.MapGet("/readiness", GetAsync).LimitAsCostly()
            .WithName("getReadiness").WithSummary("Read the readiness report")
            .WithDescription("Whether the BCP tenant would carry the calls if switched to now: a verdict (ready, degraded, not-ready) and the checks it comes from " +
                "(last-sync, drift, voice-points-of-contact, references, scripts, bcp-access, stores), each naming the entities concerned. " +
                "Answers while a region or the control store is down (a check that cannot read its data says so). Cheap to poll: a node answers a pair's report for 2 s, and while it checks again (checkedAt says when it was made). " +
                "Never blocks a switch. For the users of either tenant and operators; 404 for anyone else.")
            .ProducesProblems(404, "not-found");
        return group;
    }

    public static async Task<Results<Ok<ReadinessDocument>, ProblemHttpResult>> GetAsync(string pairId, HttpContext http, PairReadiness readiness) =>
        TypedResults.Ok(ReadinessDocument.From(await readiness.GetAsync(VisiblePairFilter.Of(http))));
}
