namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>An entity's id and ETag, as a listing gives them without reading the entity.</summary>
/// <param name="Id">The entity's id.</param>
/// <param name="ETag">Its current version.</param>
public sealed record EntityVersion(string Id, string ETag);
