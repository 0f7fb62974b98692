using Microsoft.AspNetCore.WebUtilities;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// The problems the framework writes itself — routing's 404 and 405 through the status-code pages,
/// a body that cannot be bound — come with RFC 9110 links as their <c>type</c>. Clients branch on
/// <c>/problems/&lt;slug&gt;</c> (docs/api.md), so those get the slug of their status like every other problem.
/// </summary>
internal static class FrameworkProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Type is null || !problem.Type.StartsWith(Problem.TypePrefix, StringComparison.Ordinal))
        {
            problem.Type = Problem.TypePrefix + SlugFor(status);
            problem.Title ??= ReasonPhrases.GetReasonPhrase(status);
        }

        if (problem.Detail is null && status == StatusCodes.Status405MethodNotAllowed)
        {
            problem.Detail = $"{context.HttpContext.Request.Method} is not allowed here; the Allow header lists the methods that are.";
        }
    }

    /// <summary>The slug of a status when nothing more specific is known.</summary>
    public static string SlugFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "bad-request",
        StatusCodes.Status401Unauthorized => "unauthorized",
        StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not-found",
        StatusCodes.Status405MethodNotAllowed => "method-not-allowed",
        StatusCodes.Status406NotAcceptable => "not-acceptable",
        StatusCodes.Status408RequestTimeout => "request-timeout",
        StatusCodes.Status409Conflict => "conflict",
        StatusCodes.Status411LengthRequired => "length-required",
        StatusCodes.Status412PreconditionFailed => "precondition-failed",
        StatusCodes.Status413PayloadTooLarge => "payload-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        StatusCodes.Status422UnprocessableEntity => "unprocessable-entity",
        StatusCodes.Status429TooManyRequests => "too-many-requests",
        StatusCodes.Status503ServiceUnavailable => "service-unavailable",
        >= 500 => "internal",
        _ => "http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
