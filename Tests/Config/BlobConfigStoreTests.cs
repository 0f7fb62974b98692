using Orleans.Bcp.Silo.Storage.Blob;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

[TestClass]
public sealed class BlobConfigStoreTests : ConfigStoreTests
{
    private readonly string _container = $"config-{Guid.NewGuid():N}";
    private AzuriteInstance? _azurite;

    protected override async Task<StoreSetup> CreateStoreAsync()
    {
        _azurite = await AzuriteInstance.GetSharedAsync();
        return StoreSetup.Blob(_azurite.ConnectionString, _container);
    }

    protected override Task DeleteStoreAsync() => _azurite is null
        ? Task.CompletedTask
        : new BlobObjectStore(new BlobStoreOptions { ConnectionString = _azurite.ConnectionString, ContainerName = _container }).DeleteContainerAsync();
}
