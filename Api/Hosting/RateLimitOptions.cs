namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Section <c>RateLimits</c>: what one caller (a token's tenant and subject; an anonymous request by its remote
/// address) may send to one API node. docs/rate-limits.md explains each limit and its default.
/// </summary>
public sealed class RateLimitOptions
{
    /// <summary>Every POST, PUT and DELETE: 10 a second sustained (36,000 an hour), 100 at once.</summary>
    public RateLimitRule Writes { get; set; } = new() { Burst = 100, Refill = 10, Period = TimeSpan.FromSeconds(1) };

    /// <summary>Requests that read or write many items each (script checklist, readiness, audit, the CSV upload): 120 a minute, 20 at once.</summary>
    public RateLimitRule Costly { get; set; } = new() { Burst = 20, Refill = 2, Period = TimeSpan.FromSeconds(1) };

    /// <summary>
    /// Login options and voice routing, for each login-service token (<c>bcp.login.read</c>): 100,000 a second — far
    /// above what a node serves (docs/benchmarks.md), so it bounds a runaway client without ever throttling real load.
    /// </summary>
    public RateLimitRule LoginService { get; set; } = new() { Burst = 100_000, Refill = 100_000, Period = TimeSpan.FromSeconds(1) };

    public bool IsValid => Writes.IsValid && Costly.IsValid && LoginService.IsValid;
}
