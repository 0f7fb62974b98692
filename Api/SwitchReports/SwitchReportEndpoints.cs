using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;

namespace Orleans.Bcp.Api.SwitchReports;

/// <summary>Switch reports: each switch's timeline and measured recovery time (docs/switch-reports.md).</summary>
public static class SwitchReportEndpoints
{
    public static RouteGroupBuilder MapSwitchReports(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenant-pairs/{pairId}/switches").WithTags("Switch reports").RequireAuthorization().AddEndpointFilter<VisiblePairFilter>();
        group.MapGet("/", ListAsync)
            .WithName("listSwitchReports").WithSummary("List the switch reports")
            .WithDescription($"The pair's last {ISwitchReportGrain.HistoryLimit} effective switches, newest first, each with its timeline: when the request reached the node, the commit, " +
                "when every node served the new side, and the first login-options and voice-routing answers with the new side, with the milliseconds from the request to each. " +
                "For the users of either tenant and operators; 404 for anyone else.")
            .ProducesProblems(404, "not-found");
        group.MapGet("/{epoch}", GetAsync)
            .WithName("getSwitchReport").WithSummary("Read a switch report")
            .WithDescription("The report of the switch that produced `epoch` (a positive whole number).")
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found");
        return group;
    }

    public static async Task<Ok<List<SwitchReportDocument>>> ListAsync(string pairId, HttpContext http, IGrainFactory grains)
    {
        var pair = VisiblePairFilter.Of(http);
        var reports = await grains.GetGrain<ISwitchReportGrain>(pairId).ListAsync(ISwitchReportGrain.HistoryLimit);
        return TypedResults.Ok(reports.Select(report => SwitchReportDocument.From(report, pair)).ToList());
    }

    public static async Task<Results<Ok<SwitchReportDocument>, ProblemHttpResult>> GetAsync(string pairId, string epoch, HttpContext http, IGrainFactory grains)
    {
        if (!WholeNumber.TryParse(epoch, 1, int.MaxValue, out var number))
        {
            return Problem.Invalid("epoch", "epoch must be a positive whole number.");
        }

        return await grains.GetGrain<ISwitchReportGrain>(pairId).GetAsync(number) is { } report
            ? TypedResults.Ok(SwitchReportDocument.From(report, VisiblePairFilter.Of(http)))
            : Problem.NotFound("Switch report");
    }
}
