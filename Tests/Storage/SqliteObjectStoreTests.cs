using Microsoft.Data.Sqlite;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Silo.Storage.Sqlite;

namespace Orleans.Bcp.Tests.Storage;

[TestClass]
public sealed class SqliteObjectStoreTests : ObjectStoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"bcp-sqlite-{Guid.NewGuid():N}");

    protected override IObjectStore OpenStore() =>
        new SqliteObjectStore(new SqliteStoreOptions { Path = Path.Combine(_folder, "store.db") });

    protected override Task DeleteStorageAsync()
    {
        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
