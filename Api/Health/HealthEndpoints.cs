using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Api.Health;

public static class HealthEndpoints
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/alive", () => TypedResults.Text("alive")).WithTags("Health").AllowAnonymous();
        routes.MapGet("/health", GetHealthAsync).WithTags("Health").AllowAnonymous();
        return routes;
    }

    /// <summary>Readiness: every configured store answers within a bounded time.</summary>
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
        var healthy = checks.All(check => check.Status == "reachable");
        var body = new { status = healthy ? "healthy" : "unhealthy", stores = checks.ToDictionary(check => check.Name, check => check.Status) };
        return TypedResults.Json(body, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
