namespace Orleans.Bcp.Grains.Config;

/// <summary>A reference field (e.g. <c>skillIds[1]</c>) naming an entity the tenant does not have.</summary>
public sealed record MissingReference(string Field, string Type, string Id);
