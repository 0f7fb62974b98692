using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

[TestClass]
public sealed class SqliteConfigStoreTests : ConfigStoreTests
{
    private readonly TempFolder _folder = new();

    protected override Task<StoreSetup> CreateStoreAsync() => Task.FromResult(StoreSetup.Sqlite(_folder.File("bcp.db")));

    protected override Task DeleteStoreAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
