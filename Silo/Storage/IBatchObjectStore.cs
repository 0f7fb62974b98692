namespace Orleans.Bcp.Silo.Storage;

/// <summary>
/// A store that can create many objects in one transaction (SQLite): one write lock and one commit to disk for the lot
/// instead of one each, which is what bounds a single-file store's write rate.
/// </summary>
public interface IBatchObjectStore : IObjectStore
{
    /// <summary>
    /// Creates each object only if none exists under its key (If-None-Match: *), all in one transaction: either every
    /// create that found its key free takes effect, or, when anything fails on the way, none does.
    /// </summary>
    /// <returns>Each object's new ETag, in order, or null where an object exists under the key already (left as it is).</returns>
    Task<IReadOnlyList<string?>> CreateManyAsync(IReadOnlyList<(string Key, ReadOnlyMemory<byte> Data)> objects, CancellationToken cancellationToken = default);
}
