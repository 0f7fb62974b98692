using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>The configured stores by name, where writes to a region set to fail throw the exception given (reads still work).</summary>
public sealed class FailingRegionStores(IObjectStoreProvider inner) : IObjectStoreProvider
{
    private volatile Func<Exception>? _failure;
    private volatile string? _region;

    public IReadOnlyList<(string Name, IObjectStore Store)> All => inner.All;

    public IReadOnlyCollection<string> RegionsSharingDefault => inner.RegionsSharingDefault;

    public IObjectStore Get(string name) => new Failing(inner.Get(name), () => name == _region ? _failure : null);

    /// <summary>From now on every write to <paramref name="region"/>'s store throws what <paramref name="failure"/> makes.</summary>
    public void FailWrites(string region, Func<Exception> failure)
    {
        _failure = failure;
        _region = region;
    }

    public static Action<IServiceCollection> Install() => services =>
        services.Replace(ServiceDescriptor.Singleton<IObjectStoreProvider>(sp => new FailingRegionStores(
            new ObjectStoreProvider(sp.GetRequiredService<IOptions<StorageOptions>>()))));

    private sealed class Failing(IObjectStore store, Func<Func<Exception>?> failure) : IObjectStore
    {
        public string Name => store.Name;

        public Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default) => store.ReadAsync(key, cancellationToken);

        public Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
            failure() is { } fail ? throw fail() : store.CreateAsync(key, data, cancellationToken);

        public Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default) =>
            failure() is { } fail ? throw fail() : store.ReplaceAsync(key, data, etag, cancellationToken);

        public Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default) =>
            failure() is { } fail ? throw fail() : store.DeleteAsync(key, etag, cancellationToken);

        public Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default) =>
            store.ListAsync(prefix, continuationToken, pageSize, cancellationToken);

        public Task<bool> PingAsync(CancellationToken cancellationToken = default) => store.PingAsync(cancellationToken);
    }
}
