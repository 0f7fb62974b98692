namespace Orleans.Bcp.Silo.Readiness;

/// <summary>One entity (or run, or store) a check names.</summary>
/// <param name="Type">The entity type, when it is an entity.</param>
/// <param name="PrimaryId">Its id in the primary tenant.</param>
/// <param name="BcpId">Its id in the BCP tenant, when it has a copy.</param>
/// <param name="Name">Its name (username for users), when known.</param>
/// <param name="Field">The field concerned, e.g. the reference that is unresolved.</param>
/// <param name="Detail">What is wrong with it, in words.</param>
public sealed record ReadinessItem(string? Type, string? PrimaryId, string? BcpId, string? Name, string? Field, string Detail);
