using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Problems;
using Orleans.Bcp.Silo.Diagnostics;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Per-caller rate limits (section <c>RateLimits</c>, <see cref="RateLimitOptions"/>): every write, the costly
/// requests and the login service's hot reads each take from the caller's own token bucket, so one caller cannot
/// slow the others; a refused request is a 429 <c>rate-limited</c> problem with Retry-After. Runs after
/// authorization: a request without a valid token is refused before it costs a bucket anything.
/// </summary>
public static class RateLimits
{
    public const string Writes = "writes";
    public const string Costly = "costly";
    public const string LoginService = "login-service";

    public const string ProblemType = "rate-limited";

    public static void AddBcpRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits")
            .Validate(options => options.IsValid, "RateLimits: each limit's Burst and Refill must be positive and its Period longer than zero.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LoginServiceLimiter>();
        builder.Services.AddRateLimiter(limiter => limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.AddPolicy(Writes, context => PerCaller(context, limits.Value.Writes));
            limiter.AddPolicy(Costly, context => PerCaller(context, limits.Value.Costly));
            limiter.OnRejected = (rejected, _) => new ValueTask(RejectAsync(rejected.HttpContext, rejected.Lease,
                rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? Writes));
        });
    }

    public static void UseBcpRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use(app.Services.GetRequiredService<LoginServiceLimiter>().InvokeAsync);
    }

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

    /// <summary>A login service's hot read: the caller's <see cref="LoginService"/> bucket (<see cref="LoginServiceLimiter"/>).</summary>
    public static TBuilder LimitAsLoginService<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(LoginServiceLimit.Instance);

    /// <summary>The 429: which limit, and when to come back (the bucket's next refill, whole seconds, at least 1).</summary>
    internal static Task RejectAsync(HttpContext context, RateLimitLease lease, string limit)
    {
        context.RequestServices.GetRequiredService<BcpMetrics>().RequestRateLimited(limit);
        var seconds = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 1;
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Type = Problem.TypePrefix + ProblemType,
                Title = "Too many requests",
                Detail = $"This caller sent more requests than its {limit} limit allows; retry after {seconds} s.",
                Extensions = { ["limit"] = limit },
            },
        }).AsTask();
    }

    private static RateLimitPartition<CallerKey> PerCaller(HttpContext context, RateLimitRule rule) =>
        RateLimitPartition.GetTokenBucketLimiter(CallerKey.Of(context), _ => rule.ToBucket());
}
