using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Silo.Diagnostics;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Enforces the per-caller rate limits the endpoints name (<see cref="RateLimits"/>), as configured in section
/// <c>RateLimits</c> (<see cref="RateLimitOptions"/>). Runs after authorization: a request without a valid token
/// is refused before it costs a bucket anything.
/// </summary>
public static class RateLimiting
{
    public static void AddBcpRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<RateLimitOptions>().BindConfiguration("RateLimits")
            .Validate(options => options.IsValid, "RateLimits: each limit's Burst and Refill must be positive and its Period longer than zero.")
            .ValidateOnStart();
        builder.Services.AddSingleton<LoginServiceLimiter>();
        builder.Services.AddRateLimiter(limiter => limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests);
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            limiter.AddPolicy(RateLimits.Writes, context => PerCaller(context, limits.Value.Writes));
            limiter.AddPolicy(RateLimits.Costly, context => PerCaller(context, limits.Value.Costly));
            limiter.OnRejected = (rejected, _) => new ValueTask(RejectAsync(rejected.HttpContext, rejected.Lease,
                rejected.HttpContext.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName ?? RateLimits.Writes));
        });
    }

    public static void UseBcpRateLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.Use(app.Services.GetRequiredService<LoginServiceLimiter>().InvokeAsync);
    }

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
                Type = Problem.TypePrefix + RateLimits.ProblemType,
                Title = "Too many requests",
                Detail = $"This caller sent more requests than its {limit} limit allows; retry after {seconds} s.",
                Extensions = { ["limit"] = limit },
            },
        }).AsTask();
    }

    private static RateLimitPartition<CallerKey> PerCaller(HttpContext context, RateLimitRule rule) =>
        RateLimitPartition.GetTokenBucketLimiter(CallerKey.Of(context), _ => rule.ToBucket());
}
