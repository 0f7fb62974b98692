using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

[TestClass]
public sealed class BlobConfigStoreTests : ConfigStoreTests
{
    private readonly BlobTestContainer _container = new("config");

    protected override Task<StoreSetup> CreateStoreAsync() => _container.CreateAsync();

    protected override Task DeleteStoreAsync() => _container.DeleteAsync();
}
