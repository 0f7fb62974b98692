using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

[TestClass]
public sealed class SqliteConfigStoreTests : ConfigStoreTests
{
    private static readonly TempFolder Folder = new();
    private static ApiHost _host = null!;

    protected override ApiHost Host => _host;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _host = await ApiHost.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")));

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        Folder.Dispose();
    }
}
