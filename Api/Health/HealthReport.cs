namespace Orleans.Bcp.Api.Health;

/// <summary>Readiness: <c>healthy</c>, <c>degraded</c> (a region's store is down) or <c>unhealthy</c> (the control store is), and each store's reachability.</summary>
/// <param name="Status">healthy, degraded or unhealthy.</param>
/// <param name="Stores">Store name → reachable or unreachable.</param>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Stores);
