namespace Orleans.Bcp.Grains.Config;

/// <summary>What the product knows about one configuration entity type (docs/api.md).</summary>
/// <param name="Name">The URL segment, e.g. "points-of-contact".</param>
/// <param name="References">Fields that hold ids of other entities; the sync remaps them.</param>
/// <param name="RequiredText">Text fields every entity of the type must have.</param>
/// <param name="Singleton">One document per tenant (business-unit settings).</param>
public sealed record EntityTypeInfo(string Name, IReadOnlyList<ReferenceField> References, IReadOnlyList<string> RequiredText, bool Singleton = false);
