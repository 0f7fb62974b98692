namespace Orleans.Bcp.Silo.Storage;

/// <summary>Section <c>Storage</c>: the default store, and stores configured by name (e.g. <c>control</c>, a region).</summary>
public sealed class StorageOptions
{
    public StoreOptions Default { get; set; } = new();

    public Dictionary<string, StoreOptions> Stores { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The configuration key of the first store that allows no connection (<see cref="StoreOptions.MaxConnections"/> below 1), or null.</summary>
    public string? FirstWithoutConnections() =>
        Default.MaxConnections < 1 ? "Storage:Default"
            : Stores.Where(store => store.Value.MaxConnections < 1).Select(store => $"Storage:Stores:{store.Key}").FirstOrDefault();
}
