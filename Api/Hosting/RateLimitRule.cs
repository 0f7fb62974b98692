using System.Threading.RateLimiting;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// A token bucket per caller: up to <see cref="Burst"/> requests at once, and <see cref="Refill"/> more every
/// <see cref="Period"/>. A request finding the bucket empty is refused at once (no queue): a 429 with Retry-After.
/// </summary>
public sealed class RateLimitRule
{
    public int Burst { get; set; }

    public int Refill { get; set; }

    public TimeSpan Period { get; set; }

    public bool IsValid => Burst > 0 && Refill > 0 && Period > TimeSpan.Zero;

    /// <summary>
    /// Replenished by whoever holds the bucket (the framework's partitioned limiter, or <see cref="LoginServiceLimiter"/>),
    /// not by a timer of each bucket's own.
    /// </summary>
    internal TokenBucketRateLimiterOptions ToBucket() => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = Refill,
        ReplenishmentPeriod = Period,
        QueueLimit = 0,
        AutoReplenishment = false,
    };
}
