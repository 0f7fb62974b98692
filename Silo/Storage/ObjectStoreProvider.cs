using Azure.Identity;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Silo.Storage.Blob;
using Orleans.Bcp.Silo.Storage.Sqlite;

namespace Orleans.Bcp.Silo.Storage;

/// <summary>Builds each configured store once; names without their own settings share the default store.</summary>
public sealed class ObjectStoreProvider : IObjectStoreProvider
{
    private readonly IObjectStore _default;
    private readonly Dictionary<string, IObjectStore> _named;

    public ObjectStoreProvider(IOptions<StorageOptions> options)
    {
        _default = Create(options.Value.Default);
        _named = options.Value.Stores.ToDictionary(
            entry => entry.Key, entry => Create(entry.Value), StringComparer.OrdinalIgnoreCase);
        All = [("default", _default), .. _named.Select(entry => (entry.Key, entry.Value))];
    }

    public IReadOnlyList<(string Name, IObjectStore Store)> All { get; }

    public IObjectStore Get(string name) => _named.GetValueOrDefault(name, _default);

    private static IObjectStore Create(StoreOptions options) =>
        options.Provider.ToLowerInvariant() switch
        {
            "sqlite" => new SqliteObjectStore(new SqliteStoreOptions { Path = options.Path }),
            "blob" => new BlobObjectStore(new BlobStoreOptions
            {
                ConnectionString = options.ConnectionString,
                ServiceUri = options.ServiceUri,
                // Without a connection string the silo signs in as itself (managed identity, workload identity, CLI).
                Credential = string.IsNullOrEmpty(options.ConnectionString) ? new DefaultAzureCredential() : null,
                ContainerName = options.Container,
            }),
            _ => throw new OptionsValidationException(
                "Storage", typeof(StoreOptions), [$"Unknown storage provider '{options.Provider}' (expected sqlite or blob)."]),
        };
}
