using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// Where an Api host keeps its data (a SQLite file or an Azurite container), in a form both the host
/// (environment variables) and the harness itself (a store provider on the same data) can use.
/// </summary>
internal sealed record ApiStorage(StoreKind Kind, StoreOptions Options)
{
    public IReadOnlyDictionary<string, string> ToEnvironment() => Kind == StoreKind.Sqlite
        ? new Dictionary<string, string>
        {
            ["Storage__Default__Provider"] = "sqlite",
            ["Storage__Default__Path"] = Options.Path,
        }
        : new Dictionary<string, string>
        {
            ["Storage__Default__Provider"] = "blob",
            ["Storage__Default__ConnectionString"] = Options.ConnectionString!,
            ["Storage__Default__Container"] = Options.Container,
        };
}
