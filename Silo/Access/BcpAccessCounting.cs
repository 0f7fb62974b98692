namespace Orleans.Bcp.Silo.Access;

/// <summary>A count of one tenant's users kept by <see cref="BcpAccessCounter"/>: when it started, and the count (shared while in flight).</summary>
internal sealed record BcpAccessCounting(DateTimeOffset StartedAt, Lazy<Task<BcpAccessCounts>> Result);
