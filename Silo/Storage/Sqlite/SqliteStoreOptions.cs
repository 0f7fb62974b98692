namespace Orleans.Bcp.Silo.Storage.Sqlite;

/// <summary>Where the embedded store keeps its database file.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file; its folder is created when missing.</summary>
    public string Path { get; set; } = "data/bcp.db";
}
