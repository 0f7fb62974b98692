using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>A real store whose writes pass through a <see cref="WriteTap"/> first, and whose reads and pings it counts.</summary>
public sealed class TappedStore(IObjectStore inner, WriteTap tap) : IObjectStore
{
    public string Name => inner.Name;

    public Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        tap.OnRead(key);
        return inner.ReadAsync(key, cancellationToken);
    }

    public async Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await tap.OnWriteAsync(key);
        return Answered(key, await inner.CreateAsync(key, data, cancellationToken));
    }

    public async Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default)
    {
        await tap.OnWriteAsync(key);
        return Answered(key, await inner.ReplaceAsync(key, data, etag, cancellationToken));
    }

    /// <summary>The new ETag of a write that landed, unless the tap loses its answer (<see cref="WriteTap.LoseAnswerOfNext"/>).</summary>
    private string Answered(string key, string etag) =>
        tap.TakeLostAnswer(key) ? throw new StoreConflictException(key, $"Injected: the answer to writing {key} was lost and its retry refused.") : etag;

    public async Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default)
    {
        await tap.OnWriteAsync(key);
        await inner.DeleteAsync(key, etag, cancellationToken);
    }

    public Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        tap.OnList(prefix);
        return inner.ListAsync(prefix, continuationToken, pageSize, cancellationToken);
    }

    /// <summary>Counted; a store whose pings the tap refuses answers "not reachable", like one that refuses connections.</summary>
    public Task<bool> PingAsync(CancellationToken cancellationToken = default) =>
        tap.OnPing(this) ? inner.PingAsync(cancellationToken) : Task.FromResult(false);
}
