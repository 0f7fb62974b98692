using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

[TestClass]
public sealed class BlobSyncTests : SyncTests
{
    private readonly BlobTestContainer _container = new("sync");

    protected override Task<StoreSetup> CreateStoreAsync() => _container.CreateAsync();

    protected override Task DeleteStoreAsync() => _container.DeleteAsync();
}
