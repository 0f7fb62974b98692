using Microsoft.AspNetCore.RateLimiting;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// The per-caller rate limits an endpoint takes from (docs/rate-limits.md): every write, the costly requests and
/// the login service's hot reads each take from the caller's own token bucket, so one caller cannot slow the
/// others; a refused request is a 429 <c>rate-limited</c> problem with Retry-After. The limits themselves, and
/// their enforcement, are set up with the host (Api/Hosting/RateLimiting.cs).
/// </summary>
public static class RateLimits
{
    public const string Writes = "writes";
    public const string Costly = "costly";
    public const string LoginService = "login-service";

    public const string ProblemType = "rate-limited";

    /// <summary>Every POST, PUT, PATCH and DELETE of the group that names no limit of its own takes from <see cref="Writes"/>.</summary>
    public static TBuilder LimitWrites<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            var writes = endpoint.Metadata.OfType<IHttpMethodMetadata>().SelectMany(methods => methods.HttpMethods)
                .Any(method => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method));
            if (writes && !endpoint.Metadata.OfType<EnableRateLimitingAttribute>().Any())
            {
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(Writes));
            }
        });
        return builder;
    }

    /// <summary>A request that reads or writes many items: the caller's <see cref="Costly"/> bucket instead.</summary>
    public static TBuilder LimitAsCostly<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireRateLimiting(Costly);

    /// <summary>A login service's hot read: the caller's <see cref="LoginService"/> bucket (<see cref="LoginServiceLimit"/>).</summary>
    public static TBuilder LimitAsLoginService<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(LoginServiceLimit.Instance);
}
