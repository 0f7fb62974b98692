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

    /// <summary>
    /// Blob: how long the store client waits for one try of a request; after three tries a request fails, and a grain
    /// or request waiting on it is answered a 503 instead of waiting on a store that hangs.
    /// </summary>
    public TimeSpan NetworkTimeout { get; set; } = Blob.StorageClientSettings.DefaultNetworkTimeout;

    /// <summary>What is out of range in this store's settings, naming the key under <paramref name="key"/>, or null.</summary>
    public string? OutOfRange(string key) =>
        MaxConnections < 1 ? $"{key}:MaxConnections must be at least 1."
            : NetworkTimeout <= TimeSpan.Zero || NetworkTimeout > Blob.StorageClientSettings.MaxNetworkTimeout
                ? $"{key}:NetworkTimeout must be more than 0 and at most {Blob.StorageClientSettings.MaxNetworkTimeout:c}."
                : null;
}
