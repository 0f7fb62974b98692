using System.Collections.Concurrent;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// An object store in memory with the real store's conditions, so the product's own writers (configuration,
/// change stamps, username claims) produce exactly the objects they would store; the loader then moves them into the
/// real store in bulk (<see cref="Drain"/>), which is what makes a million users fit in minutes.
/// </summary>
internal sealed class ScaleStagingStore(string name) : IObjectStore
{
    private readonly ConcurrentDictionary<string, (byte[] Data, string ETag)> _objects = new(StringComparer.Ordinal);

    public string Name => name;

    public Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_objects.TryGetValue(key, out var stored) ? new StoredObject(key, stored.Data, stored.ETag) : null);

    public Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        var etag = NewETag();
        return _objects.TryAdd(key, (data.ToArray(), etag))
            ? Task.FromResult(etag)
            : throw new StoreConflictException(key, $"Write of '{key}' failed: already exists.");
    }

    public Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default)
    {
        var newETag = NewETag();
        return _objects.TryGetValue(key, out var current) && current.ETag == etag && _objects.TryUpdate(key, (data.ToArray(), newETag), current)
            ? Task.FromResult(newETag)
            : throw new StoreConflictException(key, $"Write of '{key}' failed: ETag mismatch or missing.");
    }

    public Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default) =>
        _objects.TryGetValue(key, out var current) && current.ETag == etag && _objects.TryRemove(new(key, current))
            ? Task.CompletedTask
            : throw new StoreConflictException(key, $"Delete of '{key}' failed: ETag mismatch or missing.");

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var keys = _objects.Where(entry => entry.Key.StartsWith(prefix, StringComparison.Ordinal) && string.CompareOrdinal(entry.Key, continuationToken ?? "") > 0)
            .OrderBy(entry => entry.Key, StringComparer.Ordinal).Take(pageSize + 1).Select(entry => new ListedObject(entry.Key, entry.Value.ETag)).ToList();
        if (keys.Count <= pageSize)
        {
            return Task.FromResult(new ObjectPage(keys, null));
        }

        keys.RemoveAt(pageSize);
        return Task.FromResult(new ObjectPage(keys, keys[^1].Key));
    }

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    /// <summary>Everything staged since the last drain (the store is empty after), in key order.</summary>
    public List<(string Key, byte[] Data, string ETag)> Drain()
    {
        var taken = new List<(string Key, byte[] Data, string ETag)>(_objects.Count);
        foreach (var key in _objects.Keys.Order(StringComparer.Ordinal))
        {
            if (_objects.TryRemove(key, out var stored))
            {
                taken.Add((key, stored.Data, stored.ETag));
            }
        }

        return taken;
    }

    private static string NewETag() => Guid.NewGuid().ToString("N");
}
