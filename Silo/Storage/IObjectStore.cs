namespace Orleans.Bcp.Silo.Storage;

/// <summary>
/// The storage contract every provider implements: keyed objects with ETags, conditional writes
/// and listing by prefix. Correctness across silos comes from these conditions, not from
/// the runtime (docs/architecture.md).
/// </summary>
/// <remarks>
/// Errors: a failed condition is <see cref="StoreConflictException"/>; an unreachable or failing
/// store is <see cref="StoreUnavailableException"/>. Keys are '/'-separated, case-sensitive, ASCII.
/// </remarks>
public interface IObjectStore
{
    /// <summary>A short name for logs and health ("sqlite", "blob").</summary>
    string Name { get; }

    /// <summary>Reads an object, or null when it does not exist.</summary>
    Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Creates an object only if none exists under the key (If-None-Match: *). Returns the new ETag.</summary>
    Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Replaces an object only if its current ETag equals <paramref name="etag"/> (If-Match). Returns the new ETag.</summary>
    Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default);

    /// <summary>Deletes an object only if its current ETag equals <paramref name="etag"/>.</summary>
    Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default);

    /// <summary>Lists keys starting with <paramref name="prefix"/> in ordinal order, one page at a time.</summary>
    Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default);

    /// <summary>Checks that the store answers (for /health).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);
}
