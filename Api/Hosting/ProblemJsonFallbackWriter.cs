using System.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Writes a problem as <c>application/problem+json</c> when the default writer declines it because
/// the request's Accept names no JSON type (e.g. <c>Accept: text/html</c>). Errors are problems
/// whatever the client accepts (docs/api.md; RFC 9110 lets a server disregard Accept): without this,
/// such a client got <c>Status Code: 404; Not Found</c> as text/plain from the status-code pages,
/// and a body that failed to bind became a bare 400 with nothing to say why.
/// Registered after <c>AddProblemDetails</c>, so it is only asked when the default writer says no.
/// </summary>
internal sealed class ProblemJsonFallbackWriter(IOptions<ProblemDetailsOptions> options) : IProblemDetailsWriter
{
    private const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Extensions.TryAdd("traceId", Activity.Current?.Id ?? context.HttpContext.TraceIdentifier);
        options.Value.CustomizeProblemDetails?.Invoke(context);
        return new ValueTask(response.WriteAsJsonAsync(problem, options: null, ContentType, context.HttpContext.RequestAborted));
    }
}
