namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Configuration that points a host's default store at one test store (SQLite file or Azurite container).</summary>
public sealed record StoreSetup(string Provider, IReadOnlyDictionary<string, string?> Settings)
{
    public static StoreSetup Sqlite(string path) => new("sqlite", new Dictionary<string, string?>
    {
        ["Storage:Default:Provider"] = "sqlite",
        ["Storage:Default:Path"] = path,
    });

    public static StoreSetup Blob(string connectionString, string container) => new("blob", new Dictionary<string, string?>
    {
        ["Storage:Default:Provider"] = "blob",
        ["Storage:Default:ConnectionString"] = connectionString,
        ["Storage:Default:Container"] = container,
    });
}
