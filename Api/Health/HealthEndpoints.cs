namespace Orleans.Bcp.Api.Health;

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/alive", () => TypedResults.Text("alive")).WithTags("Health").AllowAnonymous()
            .WithName("getAlive").WithSummary("Liveness").WithDescription("The process answers: `alive`, as text.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        routes.MapGet("/health", GetHealthAsync).WithTags("Health").AllowAnonymous()
            .WithName("getHealth").WithSummary("Readiness")
            .WithDescription("Whether each store answers within 3 s, from a probe at most 1 s old (callers share it). 200 while the control store does (`healthy`, or `degraded` when a region's store does not, or a region has no store of its own while the configuration names region stores: `warnings` names it); 503 `unhealthy` without it.")
            .Produces<HealthReport>(StatusCodes.Status200OK).Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>Readiness: the control store answers within a bounded time; each store's reachability is listed.</summary>
    public static async Task<IResult> GetHealthAsync(HealthProbe probe, CancellationToken cancellationToken)
    {
        var report = await probe.ReportAsync(cancellationToken);
        return TypedResults.Json(report, statusCode: report.Status == "unhealthy" ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK);
    }
}
