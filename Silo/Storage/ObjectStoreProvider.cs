using System.Collections.Concurrent;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage.Blob;
using Orleans.Bcp.Silo.Storage.Sqlite;

namespace Orleans.Bcp.Silo.Storage;

/// <summary>
/// Builds each configured store once; names without their own settings share the default store. When the configuration
/// names region stores, a region without one is a likely mistake (its tenants' data lands in the default store): it is
/// logged once and listed in <see cref="RegionsSharingDefault"/>. Regions are not known at start (tenants bring them),
/// so this is noticed when a region is first used.
/// </summary>
public sealed partial class ObjectStoreProvider : IObjectStoreProvider
{
    /// <summary>How many such regions are listed and logged; past it others are still served, silently.</summary>
    private const int MaxListedRegions = 100;

    private readonly IObjectStore _default;
    private readonly Dictionary<string, IObjectStore> _named;
    private readonly bool _namesRegions;
    private readonly ConcurrentDictionary<string, bool> _sharing = new(StringComparer.OrdinalIgnoreCase);
    private readonly ILogger _logger;

    public ObjectStoreProvider(IOptions<StorageOptions> options, ILogger<ObjectStoreProvider>? logger = null)
    {
        _default = Create(options.Value.Default);
        _named = options.Value.Stores.ToDictionary(
            entry => entry.Key, entry => Create(entry.Value), StringComparer.OrdinalIgnoreCase);
        _namesRegions = _named.Keys.Any(name => !string.Equals(name, StorageNames.Control, StringComparison.OrdinalIgnoreCase));
        _logger = logger ?? (ILogger)NullLogger.Instance;
        All = [("default", _default), .. _named.Select(entry => (entry.Key, entry.Value))];
    }

    public IReadOnlyList<(string Name, IObjectStore Store)> All { get; }

    public IReadOnlyCollection<string> RegionsSharingDefault => [.. _sharing.Keys.Order(StringComparer.Ordinal)];

    public IObjectStore Get(string name)
    {
        if (_named.TryGetValue(name, out var store))
        {
            return store;
        }

        if (_namesRegions && !string.Equals(name, StorageNames.Control, StringComparison.OrdinalIgnoreCase) && !_sharing.ContainsKey(name))
        {
            NoteSharing(name);
        }

        return _default;
    }

    private void NoteSharing(string region)
    {
        if (_sharing.Count < MaxListedRegions && _sharing.TryAdd(region, true))
        {
            LogRegionSharesDefault(region);
        }
    }

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
                MaxConnections = options.MaxConnections,
                NetworkTimeout = options.NetworkTimeout,
            }),
            _ => throw new OptionsValidationException(
                "Storage", typeof(StoreOptions), [$"Unknown storage provider '{options.Provider}' (expected sqlite or blob)."]),
        };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Region {Region} has no store of its own (no Storage:Stores section of that name) while the configuration names region stores; it shares the default store")]
    private partial void LogRegionSharesDefault(string region);
}
