namespace Orleans.Bcp.Silo.Storage;

/// <summary>A conditional operation failed: the object exists (create), or its ETag differs or it is gone (replace/delete).</summary>
public sealed class StoreConflictException(string key, string message) : Exception(message)
{
    public string Key { get; } = key;
}
