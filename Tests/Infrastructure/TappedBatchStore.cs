using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// A <see cref="TappedStore"/> that keeps its store's batches: every object of a batch passes the <see cref="WriteTap"/>
/// first, so a fault injected at one of them fails the batch midway; the store then writes none of it, which is what a
/// transaction that failed midway leaves.
/// </summary>
public sealed class TappedBatchStore(IBatchObjectStore inner, WriteTap tap) : IBatchObjectStore
{
    private readonly TappedStore _single = new(inner, tap);

    public string Name => inner.Name;

    public async Task<IReadOnlyList<string?>> CreateManyAsync(
        IReadOnlyList<(string Key, ReadOnlyMemory<byte> Data)> objects, CancellationToken cancellationToken = default)
    {
        tap.OnBatch(objects.Count);
        foreach (var (key, _) in objects)
        {
            await tap.OnWriteAsync(key);
        }

        return await inner.CreateManyAsync(objects, cancellationToken);
    }

    public Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default) => _single.ReadAsync(key, cancellationToken);

    public Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        _single.CreateAsync(key, data, cancellationToken);

    public Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default) =>
        _single.ReplaceAsync(key, data, etag, cancellationToken);

    public Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default) => _single.DeleteAsync(key, etag, cancellationToken);

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
        _single.ListAsync(prefix, continuationToken, pageSize, cancellationToken);

    public Task<bool> PingAsync(CancellationToken cancellationToken = default) => _single.PingAsync(cancellationToken);
}
