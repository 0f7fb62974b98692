using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// Lets a request for <c>{pairId}</c> through only when the caller may see the pair (<see cref="PairAccess"/>):
/// anyone else gets 404, not 403, so pair ids cannot be probed. Handlers read the status it found with <see cref="Of"/>.
/// </summary>
internal sealed class VisiblePairFilter(PairStateCache pairs) : IEndpointFilter
{
    private static readonly object StatusKey = new();

    /// <summary>The visible pair's status, as read for this request.</summary>
    public static PairStatus Of(HttpContext context) => (PairStatus)context.Items[StatusKey]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue("pairId") is not string pairId)
        {
            return await next(context);
        }

        if (await PairAccess.FindVisibleAsync(pairs, pairId, Caller.Of(http)) is not { } status)
        {
            return Problem.NotFound("Pair");
        }

        http.Items[StatusKey] = status;
        return await next(context);
    }
}
