using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Readiness;

/// <summary>The configured stores by name, where a name taken <see cref="Down"/> hangs every call (a region that stopped answering).</summary>
public sealed class OutageStoreProvider(IObjectStoreProvider inner) : IObjectStoreProvider
{
    private readonly ConcurrentDictionary<string, bool> _down = new(StringComparer.Ordinal);

    public IReadOnlyList<(string Name, IObjectStore Store)> All => [.. inner.All.Select(entry => (entry.Name, (IObjectStore)new Hanging(entry.Store, () => _down.ContainsKey(entry.Name))))];

    public IReadOnlyCollection<string> RegionsSharingDefault => inner.RegionsSharingDefault;

    public IObjectStore Get(string name) => new Hanging(inner.Get(name), () => _down.ContainsKey(name));

    public void Down(string name) => _down[name] = true;

    public static Action<IServiceCollection> Install() => services =>
        services.Replace(ServiceDescriptor.Singleton<IObjectStoreProvider>(sp => new OutageStoreProvider(
            new ObjectStoreProvider(sp.GetRequiredService<IOptions<StorageOptions>>()))));

    private sealed class Hanging(IObjectStore store, Func<bool> isDown) : IObjectStore
    {
        public string Name => store.Name;

        public async Task<StoredObject?> ReadAsync(string key, CancellationToken cancellationToken = default)
        {
            await HangIfDownAsync(cancellationToken);
            return await store.ReadAsync(key, cancellationToken);
        }

        public async Task<string> CreateAsync(string key, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
        {
            await HangIfDownAsync(cancellationToken);
            return await store.CreateAsync(key, data, cancellationToken);
        }

        public async Task<string> ReplaceAsync(string key, ReadOnlyMemory<byte> data, string etag, CancellationToken cancellationToken = default)
        {
            await HangIfDownAsync(cancellationToken);
            return await store.ReplaceAsync(key, data, etag, cancellationToken);
        }

        public async Task DeleteAsync(string key, string etag, CancellationToken cancellationToken = default)
        {
            await HangIfDownAsync(cancellationToken);
            await store.DeleteAsync(key, etag, cancellationToken);
        }

        public async Task<ObjectPage> ListAsync(string prefix, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
        {
            await HangIfDownAsync(cancellationToken);
            return await store.ListAsync(prefix, continuationToken, pageSize, cancellationToken);
        }

        public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
        {
            await HangIfDownAsync(cancellationToken);
            return await store.PingAsync(cancellationToken);
        }

        /// <summary>While down, waits until cancelled (a read nobody cancels never ends).</summary>
        private Task HangIfDownAsync(CancellationToken cancellationToken) =>
            isDown() ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;
    }
}
