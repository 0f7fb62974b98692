namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// The test hosts' rate limits: writes and costly requests as good as unlimited, since a test writes as fast as it can
/// with one caller; the login service's limit stays the shipped one, so the hot-read tests run under it.
/// A test of the limits themselves passes its own (its settings come after these).
/// </summary>
public static class TestRateLimits
{
    public static readonly IReadOnlyDictionary<string, string?> Unthrottled = new Dictionary<string, string?>
    {
        ["RateLimits:Writes:Burst"] = "1000000",
        ["RateLimits:Writes:Refill"] = "1000000",
        ["RateLimits:Costly:Burst"] = "1000000",
        ["RateLimits:Costly:Refill"] = "1000000",
    };
}
