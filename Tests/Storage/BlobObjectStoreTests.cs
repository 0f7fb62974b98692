using System.Diagnostics;
using System.Text.RegularExpressions;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Silo.Storage.Blob;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Storage;

[TestClass]
public sealed class BlobObjectStoreTests : ObjectStoreContractTests
{
    private readonly string _containerName = $"test-{Guid.NewGuid():N}";
    private AzuriteInstance? _azurite;

    protected override async Task InitializeStorageAsync() => _azurite = await AzuriteInstance.GetSharedAsync();

    protected override IObjectStore OpenStore() => Open(_azurite!);

    protected override Task DeleteStorageAsync() => Open(_azurite!).DeleteContainerAsync();

    [TestMethod]
    public async Task ReadAsync_WrongAccountKey_ThrowsStoreUnavailable()
    {
        // Azurite checks SharedKey signatures, so this shows the contract tests ran signed requests.
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var store = new BlobObjectStore(new BlobStoreOptions
        {
            ConnectionString = Regex.Replace(_azurite!.ConnectionString, "AccountKey=[^;]*", $"AccountKey={wrongKey}"),
            ContainerName = _containerName,
        });

        var failure = await Assert.ThrowsExactlyAsync<StoreUnavailableException>(() => store.ReadAsync("objects/a"));

        Assert.Contains("403", failure.Message);
    }

    [TestMethod]
    public async Task ReadAsync_StoreStopped_ThrowsStoreUnavailableWithinSeconds()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var store = Open(azurite);
        await store.CreateAsync("objects/a", "a"u8.ToArray());
        await azurite.StopAsync();
        var stopwatch = Stopwatch.StartNew();

        await Assert.ThrowsExactlyAsync<StoreUnavailableException>(() => store.ReadAsync("objects/a"));

        Assert.IsLessThan(TimeSpan.FromSeconds(5), stopwatch.Elapsed);
    }

    [TestMethod]
    public async Task PingAsync_StoreStopped_ReturnsFalse()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var store = Open(azurite);
        await azurite.StopAsync();

        var answered = await store.PingAsync();

        Assert.IsFalse(answered);
    }

    [TestMethod]
    public async Task CreateAsync_StoreRestartedEmpty_RecreatesContainerAndSucceeds()
    {
        await using var azurite = await AzuriteInstance.StartNewAsync();
        var store = Open(azurite);
        await store.CreateAsync("objects/a", "before"u8.ToArray());
        await azurite.StopAsync();
        await azurite.StartAsync();

        var etag = await store.CreateAsync("objects/a", "after"u8.ToArray());

        var read = await store.ReadAsync("objects/a");
        Assert.IsNotNull(read);
        Assert.AreEqual(etag, read.ETag);
        CollectionAssert.AreEqual("after"u8.ToArray(), read.Data.ToArray());
    }

    [TestMethod]
    public async Task ListAsync_ContainerNeverCreated_ListsEmptyAndCreatesIt()
    {
        var store = OpenStore();

        var page = await store.ListAsync("objects/", null, 10);

        Assert.IsEmpty(page.Objects);
        await store.CreateAsync("objects/a", "a"u8.ToArray());
        Assert.HasCount(1, (await OpenStore().ListAsync("objects/", null, 10)).Objects);
    }

    [TestMethod]
    public async Task ListAndRead_ContainerDeletedAfterUse_ThrowStoreUnavailableNotEmpty()
    {
        var store = OpenStore();
        await store.CreateAsync("objects/a", "a"u8.ToArray());
        await DeleteStorageAsync();

        var listing = await Assert.ThrowsExactlyAsync<StoreUnavailableException>(() => store.ListAsync("objects/", null, 10));
        await Assert.ThrowsExactlyAsync<StoreUnavailableException>(() => store.ReadAsync("objects/a"));

        StringAssert.Contains(listing.Message, "does not exist");
        // A write still recreates it (a store restarted empty), and the listing answers again.
        await store.CreateAsync("objects/b", "b"u8.ToArray());
        Assert.HasCount(1, (await store.ListAsync("objects/", null, 10)).Objects);
    }

    private BlobObjectStore Open(AzuriteInstance azurite) =>
        new(new BlobStoreOptions { ConnectionString = azurite.ConnectionString, ContainerName = _containerName });
}
