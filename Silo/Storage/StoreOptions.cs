namespace Orleans.Bcp.Silo.Storage;

/// <summary>One store's settings: the provider and where it keeps its data.</summary>
public sealed class StoreOptions
{
    /// <summary><c>sqlite</c> (embedded default) or <c>blob</c> (Azure Blob Storage / Azurite).</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>SQLite: the database file.</summary>
    public string Path { get; set; } = "data/bcp.db";

    /// <summary>Blob: a storage connection string (SharedKey; Azurite in development).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Blob: the blob service endpoint, used with Azure.Identity when no connection string is set.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>
    /// Blob, control store, with <see cref="ServiceUri"/>: the table service endpoint for membership and
    /// reminders; empty: <see cref="ServiceUri"/> with <c>.blob.</c> replaced by <c>.table.</c>.
    /// </summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Blob: the container that holds the store's objects.</summary>
    public string Container { get; set; } = "bcp";

    /// <summary>Blob: at most this many connections to the store's endpoint from each node; requests past it wait for one.</summary>
    public int MaxConnections { get; set; } = Blob.StorageClientSettings.DefaultMaxConnections;
}
