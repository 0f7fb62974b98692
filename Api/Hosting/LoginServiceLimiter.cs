using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// The login service's own limit on the hot reads (<see cref="LoginServiceLimit"/> routes), a token bucket per caller.
/// Not through the framework's rate-limiting middleware: its partitioned limiters look every request's partition up
/// under one lock shared by all callers, and these routes are the product's hottest. Here the lookup is a lock-free
/// dictionary read, and the only lock taken is the caller's own bucket's.
/// </summary>
internal sealed class LoginServiceLimiter : IDisposable
{
    /// <summary>As often as the framework's partitioned limiters replenish theirs.</summary>
    private static readonly TimeSpan Heartbeat = TimeSpan.FromMilliseconds(100);

    /// <summary>A caller's bucket that has been full this long is forgotten (a new one starts full).</summary>
    private static readonly TimeSpan IdleLimit = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<CallerKey, TokenBucketRateLimiter> _buckets = new();
    private readonly TokenBucketRateLimiterOptions _bucket;
    private readonly Timer _heartbeat;

    public LoginServiceLimiter(IOptions<RateLimitOptions> options)
    {
        _bucket = options.Value.LoginService.ToBucket();
        _heartbeat = new Timer(_ => Replenish(), null, Heartbeat, Heartbeat);
    }

    public Task InvokeAsync(HttpContext context, RequestDelegate next) =>
        context.GetEndpoint()?.Metadata.GetMetadata<LoginServiceLimit>() is null ? next(context) : LimitAsync(context, next);

    /// <summary>Takes from the caller's bucket, then runs <paramref name="next"/>; a 429 when the bucket is empty.</summary>
    public Task LimitAsync(HttpContext context, RequestDelegate next)
    {
        var bucket = _buckets.GetOrAdd(CallerKey.Of(context), static (_, options) => new TokenBucketRateLimiter(options), _bucket);
        // A token bucket's lease holds nothing: it is a rate, not a count of requests in flight.
        using var lease = bucket.AttemptAcquire();
        return lease.IsAcquired ? next(context) : RateLimiting.RejectAsync(context, lease, RateLimits.LoginService);
    }

    private void Replenish()
    {
        foreach (var (key, bucket) in _buckets)
        {
            bucket.TryReplenish();
            // Never disposed: a request may still hold it, and a bucket without a queue or timer holds nothing to free.
            if (bucket.IdleDuration > IdleLimit)
            {
                _buckets.TryRemove(key, out _);
            }
        }
    }

    public void Dispose() => _heartbeat.Dispose();
}
