using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Api.Health;

public static class HealthEndpoints
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/alive", () => TypedResults.Text("alive")).WithTags("Health").AllowAnonymous()
            .WithName("getAlive").WithSummary("Liveness").WithDescription("The process answers: `alive`, as text.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        routes.MapGet("/health", GetHealthAsync).WithTags("Health").AllowAnonymous()
            .WithName("getHealth").WithSummary("Readiness")
            .WithDescription("Whether each store answers within 3 s. 200 while the control store does (`healthy`, or `degraded` when a region's store does not); 503 `unhealthy` without it.")
            .Produces<HealthReport>(StatusCodes.Status200OK).Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    /// <summary>Readiness: the control store answers within a bounded time; each store's reachability is listed.</summary>
    public static async Task<IResult> GetHealthAsync(IObjectStoreProvider stores, CancellationToken cancellationToken)
    {
        var checks = await Task.WhenAll(stores.All.Select(async entry =>
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(PingTimeout);
            bool reachable;
            try
            {
                reachable = await entry.Store.PingAsync(timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                reachable = false;
            }

            return (entry.Name, Status: reachable ? "reachable" : "unreachable");
        }));
        // Without the control store a node can do nothing useful; without one region's store it still
        // switches pairs and serves the other region, so it must stay in the load balancer (degraded).
        var control = stores.Get(StorageNames.Control);
        var controlReachable = checks.Zip(stores.All).Where(pair => pair.Second.Store == control).All(pair => pair.First.Status == "reachable");
        var status = !controlReachable ? "unhealthy" : checks.All(check => check.Status == "reachable") ? "healthy" : "degraded";
        var body = new HealthReport(status, checks.ToDictionary(check => check.Name, check => check.Status));
        return TypedResults.Json(body, statusCode: controlReachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
