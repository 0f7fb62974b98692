using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Storage;
using Orleans.Storage;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Turns the exceptions a client or the infrastructure can cause into problems: bad input is a
/// 4xx, a lost write race a 409, an unreachable store a 503. Anything else is a real bug (500).
/// </summary>
internal sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    private static readonly (int Status, string Type, string Title, string? Detail) StoreUnavailable =
        (StatusCodes.Status503ServiceUnavailable, "store-unavailable", "The store is unreachable", "Retry shortly.");

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, type, title, detail) = Classify(exception);
        Dictionary<string, object?>? extensions = null;
        if (FirstOf<BadHttpRequestException>(exception) is { StatusCode: StatusCodes.Status400BadRequest } bad)
        {
            var (field, message) = BodyReadProblem.Describe(bad, httpContext.Request);
            detail = message;
            extensions = new() { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } };
        }

        if (status >= 500)
        {
            LogServerError(exception, status, httpContext.Request.Path);
        }

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter = "5";
        }

        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Type = Problem.TypePrefix + type, Title = title, Detail = detail, Extensions = extensions ?? [] },
        });
    }

    /// <summary>
    /// The problem for the first exception in the chain that names one: Orleans may wrap a grain's storage
    /// failure (e.g. in an OrleansException), and the cause decides the answer. Anything else is a 500.
    /// </summary>
    private static (int Status, string Type, string Title, string? Detail) Classify(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (Known(current) is { } known)
            {
                return known;
            }
        }

        return (StatusCodes.Status500InternalServerError, "internal", "An unexpected error occurred", null);
    }

    private static T? FirstOf<T>(Exception exception) where T : Exception
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }

    private static (int Status, string Type, string Title, string? Detail)? Known(Exception exception) => exception switch
    {
        BadHttpRequestException bad => (bad.StatusCode, TypeFor(bad.StatusCode), "The request could not be read", bad.Message),
        InconsistentStateException or ConfigConflictException => (StatusCodes.Status409Conflict, "concurrent-update",
            "Another request changed the same data at the same time", "Retry the request."),
        StoreUnavailableException or RequestFailedException { Status: 0 or 408 or >= 500 } or HttpRequestException or IOException or SocketException => StoreUnavailable,
        // A store that takes the connection and never answers (overloaded) ends the Azure client's retries with an
        // AggregateException of timed-out reads (with an IOException inside, or none when the connect timed out). A grain's
        // state failing so is wrapped by Orleans' storage provider, and a call from another silo gets only the wrapper's
        // message, with the causes flattened into it.
        AggregateException retries when retries.Message.StartsWith("Retry failed after", StringComparison.Ordinal) => StoreUnavailable,
        OrleansException wrapper when wrapper.Message.StartsWith("Error from storage provider", StringComparison.Ordinal) => StoreUnavailable,
        // A silo died and the cluster has not declared it dead yet: its grains come back on the survivors.
        SiloUnavailableException or OrleansMessageRejectionException or TimeoutException => (StatusCodes.Status503ServiceUnavailable,
            "cluster-unavailable", "A node of the cluster is unreachable", "Retry shortly."),
        _ => null,
    };

    private static string TypeFor(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "payload-too-large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported-media-type",
        _ => "bad-request",
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Request {Path} failed with {Status}")]
    private partial void LogServerError(Exception exception, int status, PathString path);
}
