namespace Orleans.Bcp.Silo.Readiness;

/// <summary>The facts of a listed type's entities, by id, and whether every listed entity could be read in time.</summary>
public sealed record FactSet(Dictionary<string, EntityFacts> Facts, bool Complete);
