namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>scripts/cluster.sh's per-region store settings for a node, as environment variables.</summary>
internal static class RegionStoreSettings
{
    /// <summary>Adds, for each region, its Blob store at <paramref name="connections"/>' connection string in <paramref name="container"/>.</summary>
    public static void Add(Dictionary<string, string> settings, IReadOnlyDictionary<string, string> connections, string container)
    {
        foreach (var (region, connection) in connections)
        {
            settings[$"Storage__Stores__{region}__Provider"] = "blob";
            settings[$"Storage__Stores__{region}__ConnectionString"] = connection;
            settings[$"Storage__Stores__{region}__Container"] = container;
        }
    }
}
