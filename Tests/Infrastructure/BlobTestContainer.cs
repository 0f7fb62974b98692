using Orleans.Bcp.Silo.Storage.Blob;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>A container of its own on the shared Azurite instance, for the Blob variant of a provider-parameterised suite.</summary>
public sealed class BlobTestContainer(string prefix)
{
    private readonly string _container = $"{prefix}-{Guid.NewGuid():N}";
    private AzuriteInstance? _azurite;

    public async Task<StoreSetup> CreateAsync()
    {
        _azurite = await AzuriteInstance.GetSharedAsync();
        return StoreSetup.Blob(_azurite.ConnectionString, _container);
    }

    public Task DeleteAsync() => _azurite is null
        ? Task.CompletedTask
        : new BlobObjectStore(new BlobStoreOptions { ConnectionString = _azurite.ConnectionString, ContainerName = _container }).DeleteContainerAsync();
}
