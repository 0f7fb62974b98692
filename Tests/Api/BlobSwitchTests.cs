using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

[TestClass]
public sealed class BlobSwitchTests : SwitchTests
{
    private readonly BlobTestContainer _container = new("switch");

    protected override Task<StoreSetup> CreateStoreAsync() => _container.CreateAsync();

    protected override Task DeleteStoreAsync() => _container.DeleteAsync();
}
