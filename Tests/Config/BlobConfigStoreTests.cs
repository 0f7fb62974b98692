using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

[TestClass]
public sealed class BlobConfigStoreTests : ConfigStoreTests
{
    private static readonly BlobTestContainer Container = new("config");
    private static ApiHost _host = null!;

    protected override ApiHost Host => _host;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context) => _host = await ApiHost.StartAsync(await Container.CreateAsync());

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        await Container.DeleteAsync();
    }
}
