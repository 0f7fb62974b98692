namespace Orleans.Bcp.Silo.Storage;

/// <summary>An object as read from a store, with the ETag a conditional write must present.</summary>
public sealed record StoredObject(string Key, ReadOnlyMemory<byte> Data, string ETag);
