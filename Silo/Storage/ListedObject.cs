namespace Orleans.Bcp.Silo.Storage;

/// <summary>A listed key with its current ETag, so a caller can tell what changed without reading it.</summary>
public sealed record ListedObject(string Key, string ETag);
