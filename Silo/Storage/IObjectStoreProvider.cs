namespace Orleans.Bcp.Silo.Storage;

/// <summary>The configured stores by name (see <c>StorageNames</c>); a name without its own configuration gets the default store.</summary>
public interface IObjectStoreProvider
{
    IObjectStore Get(string name);

    /// <summary>Every distinct store, with the names it serves (for /health).</summary>
    IReadOnlyList<(string Name, IObjectStore Store)> All { get; }

    /// <summary>
    /// Regions this node was asked for that have no store of their own while the configuration names region stores:
    /// they share the default store (for /health; see docs/region-stores.md).
    /// </summary>
    IReadOnlyCollection<string> RegionsSharingDefault { get; }
}
