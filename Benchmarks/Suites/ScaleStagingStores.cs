using System.Collections.Concurrent;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>A staging store per store name (control, each region), as the product's provider would hand out its stores.</summary>
internal sealed class ScaleStagingStores : IObjectStoreProvider
{
    private readonly ConcurrentDictionary<string, ScaleStagingStore> _stores = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<(string Name, IObjectStore Store)> All => [.. _stores.Select(entry => (entry.Key, (IObjectStore)entry.Value))];

    public IReadOnlyCollection<string> RegionsSharingDefault => [];

    public IObjectStore Get(string name) => _stores.GetOrAdd(name, static key => new ScaleStagingStore(key));

    /// <summary>What each store name holds since the last drain.</summary>
    public List<(string StoreName, List<(string Key, byte[] Data, string ETag)> Objects)> Drain() =>
        [.. _stores.Select(entry => (entry.Key, entry.Value.Drain())).Where(entry => entry.Item2.Count > 0)];
}
