namespace Orleans.Bcp.Api.Health;

/// <summary>Readiness: <c>healthy</c>, <c>degraded</c> (a region's store is down, or shared) or <c>unhealthy</c> (the control store is down), and each store's reachability.</summary>
/// <param name="Status">healthy, degraded or unhealthy.</param>
/// <param name="Stores">Store name → reachable or unreachable.</param>
/// <param name="Warnings">What an operator should fix that does not stop the node, e.g. a region with no store of its own; empty when none.</param>
public sealed record HealthReport(string Status, IReadOnlyDictionary<string, string> Stores, IReadOnlyList<string> Warnings);
