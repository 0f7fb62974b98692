namespace Orleans.Bcp.Api.Config;

/// <summary>A reference field (e.g. <c>skillIds[1]</c>) naming an entity the tenant does not have.</summary>
internal sealed record MissingReference(string Field, string Type, string Id);
