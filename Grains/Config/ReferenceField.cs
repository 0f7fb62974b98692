namespace Orleans.Bcp.Grains.Config;

/// <summary>A field holding the id of another entity of the same tenant (or an array of ids).</summary>
public sealed record ReferenceField(string Field, string TargetType, bool Many = false);
