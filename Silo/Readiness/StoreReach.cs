namespace Orleans.Bcp.Silo.Readiness;

/// <summary>Whether one store a pair depends on answered a ping.</summary>
/// <param name="Role">"control", "bcp" or "primary".</param>
/// <param name="Name">The store's name: the region, or "control".</param>
/// <param name="Failure">Why it is not reachable; null when it is.</param>
public sealed record StoreReach(string Role, string Name, string? Failure)
{
    public bool Reachable => Failure is null;
}
