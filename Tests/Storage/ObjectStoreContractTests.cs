using System.Text;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Storage;

/// <summary>
/// The one contract every <see cref="IObjectStore"/> passes (docs/architecture.md). A derived class gives
/// each test its own empty storage; stores opened within one test share it, like several silos do.
/// </summary>
public abstract class ObjectStoreContractTests
{
    private const int Contenders = 32;

    /// <summary>Opens a store over this test's storage.</summary>
    protected abstract IObjectStore OpenStore();

    /// <summary>Removes this test's storage.</summary>
    protected abstract Task DeleteStorageAsync();

    /// <summary>Prepares this test's storage before the first <see cref="OpenStore"/>.</summary>
    protected virtual Task InitializeStorageAsync() => Task.CompletedTask;

    [TestInitialize]
    public Task InitializeAsync() => InitializeStorageAsync();

    [TestCleanup]
    public Task CleanupAsync() => DeleteStorageAsync();

    [TestMethod]
    public async Task ReadAsync_MissingKey_ReturnsNull()
    {
        var store = OpenStore();

        var read = await store.ReadAsync("objects/missing");

        Assert.IsNull(read);
    }

    [TestMethod]
    public async Task CreateAsync_NewKey_ReadReturnsDataAndETag()
    {
        var store = OpenStore();

        var etag = await store.CreateAsync("objects/a", Bytes("first"));

        var read = await store.ReadAsync("objects/a");
        Assert.IsNotNull(read);
        Assert.AreEqual("objects/a", read.Key);
        Assert.AreEqual("first", Text(read));
        Assert.AreEqual(etag, read.ETag);
    }

    [TestMethod]
    public async Task CreateAsync_ExistingKey_ThrowsConflictAndKeepsData()
    {
        var store = OpenStore();
        var etag = await store.CreateAsync("objects/a", Bytes("first"));

        await Assert.ThrowsExactlyAsync<StoreConflictException>(() => store.CreateAsync("objects/a", Bytes("second")));

        await AssertStoredAsync(store, "objects/a", "first", etag);
    }

    [TestMethod]
    public async Task CreateAsync_EmptyData_ReadReturnsEmptyDataAndETag()
    {
        var store = OpenStore();

        var etag = await store.CreateAsync("objects/empty", ReadOnlyMemory<byte>.Empty);

        await AssertStoredAsync(store, "objects/empty", "", etag);
    }

    [TestMethod]
    public async Task CreateAsync_KeyWithReservedCharacters_RoundTripsAndLists()
    {
        var store = OpenStore();
        const string key = "odd/a b+c:d%e?f#g&h=i;j@k~l";

        var etag = await store.CreateAsync(key, Bytes("odd"));

        await AssertStoredAsync(store, key, "odd", etag);
        var page = await store.ListAsync("odd/", null, 10);
        CollectionAssert.AreEqual(new[] { key }, page.Keys.ToArray());
    }

    [TestMethod]
    public async Task ReplaceAsync_CurrentETag_ReturnsNewETagAndStoresData()
    {
        var store = OpenStore();
        var etag = await store.CreateAsync("objects/a", Bytes("first"));

        var newEtag = await store.ReplaceAsync("objects/a", Bytes("second"), etag);

        Assert.AreNotEqual(etag, newEtag);
        await AssertStoredAsync(store, "objects/a", "second", newEtag);
    }

    [TestMethod]
    public async Task ReplaceAsync_StaleETag_ThrowsConflictAndKeepsData()
    {
        var store = OpenStore();
        var staleEtag = await store.CreateAsync("objects/a", Bytes("first"));
        var currentEtag = await store.ReplaceAsync("objects/a", Bytes("second"), staleEtag);

        await Assert.ThrowsExactlyAsync<StoreConflictException>(() => store.ReplaceAsync("objects/a", Bytes("third"), staleEtag));

        await AssertStoredAsync(store, "objects/a", "second", currentEtag);
    }

    [TestMethod]
    public async Task ReplaceAsync_MissingKey_ThrowsConflictAndCreatesNothing()
    {
        var store = OpenStore();
        var etag = await store.CreateAsync("objects/other", Bytes("other"));

        await Assert.ThrowsExactlyAsync<StoreConflictException>(() => store.ReplaceAsync("objects/missing", Bytes("x"), etag));

        Assert.IsNull(await store.ReadAsync("objects/missing"));
    }

    [TestMethod]
    public async Task DeleteAsync_CurrentETag_RemovesObject()
    {
        var store = OpenStore();
        var etag = await store.CreateAsync("objects/a", Bytes("first"));

        await store.DeleteAsync("objects/a", etag);

        Assert.IsNull(await store.ReadAsync("objects/a"));
    }

    [TestMethod]
    public async Task DeleteAsync_StaleETag_ThrowsConflictAndKeepsObject()
    {
        var store = OpenStore();
        var staleEtag = await store.CreateAsync("objects/a", Bytes("first"));
        var currentEtag = await store.ReplaceAsync("objects/a", Bytes("second"), staleEtag);

        await Assert.ThrowsExactlyAsync<StoreConflictException>(() => store.DeleteAsync("objects/a", staleEtag));

        await AssertStoredAsync(store, "objects/a", "second", currentEtag);
    }

    [TestMethod]
    public async Task DeleteAsync_MissingKey_ThrowsConflict()
    {
        var store = OpenStore();
        var etag = await store.CreateAsync("objects/other", Bytes("other"));

        await Assert.ThrowsExactlyAsync<StoreConflictException>(() => store.DeleteAsync("objects/missing", etag));
    }

    [TestMethod]
    public async Task ListAsync_Prefix_ReturnsOnlyMatchingKeysInOrdinalOrder()
    {
        var store = OpenStore();
        // Ordinal order puts '-' < '/' < digits < upper case < lower case; a culture-aware sort would not.
        string[] matching = ["list/a/B", "list/a/a", "list/a/a-b", "list/a/a/b", "list/a/0", "list/a/Z"];
        string[] others = ["list/b/a", "list/a", "list/", "lisz/a/a", "List/a/a"];
        foreach (var key in others.Concat(matching))
        {
            await store.CreateAsync(key, Bytes(key));
        }

        var page = await store.ListAsync("list/a/", null, 100);

        CollectionAssert.AreEqual(matching.Order(StringComparer.Ordinal).ToArray(), page.Keys.ToArray());
        Assert.IsNull(page.ContinuationToken);
    }

    [TestMethod]
    public async Task ListAsync_Objects_CarryTheSameETagAsARead()
    {
        var store = OpenStore();
        var created = await store.CreateAsync("etags/a", Bytes("a"));
        var replaced = await store.ReplaceAsync("etags/b", Bytes("b2"), await store.CreateAsync("etags/b", Bytes("b")));

        var page = await store.ListAsync("etags/", null, 10);

        CollectionAssert.AreEqual(new[] { created, replaced }, page.Objects.Select(listed => listed.ETag).ToArray());
        Assert.AreEqual(replaced, (await store.ReadAsync("etags/b"))!.ETag);
    }

    [TestMethod]
    public async Task ListAsync_SmallPageSize_ReturnsEveryKeyOnceAcrossPages()
    {
        var store = OpenStore();
        var expected = Enumerable.Range(0, 25).Select(i => $"paged/{i:D2}").ToArray();
        foreach (var key in expected.Reverse())
        {
            await store.CreateAsync(key, Bytes(key));
        }

        await store.CreateAsync("pagef/outside", Bytes("outside"));
        await store.CreateAsync("pagedz", Bytes("outside"));

        var pages = new List<IReadOnlyList<string>>();
        string? token = null;
        do
        {
            var page = await store.ListAsync("paged/", token, 7);
            pages.Add([.. page.Keys]);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count <= expected.Length);

        Assert.HasCount(7, pages[0]);
        Assert.IsTrue(pages.All(page => page.Count <= 7), "No page may exceed the page size.");
        CollectionAssert.AreEqual(expected, pages.SelectMany(page => page).ToArray());
    }

    [TestMethod]
    public async Task CreateAsync_ConcurrentCreatorsOfOneKey_ExactlyOneWins()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToArray();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Writer: i, ETag: await stores[i % stores.Length].CreateAsync("race/create", Bytes($"writer {i}")));
            }
            catch (StoreConflictException)
            {
                return (Writer: i, ETag: (string?)null);
            }
        })));

        var winner = outcomes.Single(outcome => outcome.ETag is not null);
        await AssertStoredAsync(stores[0], "race/create", $"writer {winner.Writer}", winner.ETag!);
    }

    [TestMethod]
    public async Task ReplaceAsync_ConcurrentReplacersWithOneETag_ExactlyOneWins()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => OpenStore()).ToArray();
        var etag = await stores[0].CreateAsync("race/replace", Bytes("original"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, Contenders).Select(i => Task.Run(async () =>
        {
            try
            {
                return (Writer: i, ETag: await stores[i % stores.Length].ReplaceAsync("race/replace", Bytes($"writer {i}"), etag));
            }
            catch (StoreConflictException)
            {
                return (Writer: i, ETag: (string?)null);
            }
        })));

        var winner = outcomes.Single(outcome => outcome.ETag is not null);
        await AssertStoredAsync(stores[0], "race/replace", $"writer {winner.Writer}", winner.ETag!);
    }

    [TestMethod]
    public async Task PingAsync_ReachableStore_ReturnsTrue()
    {
        var store = OpenStore();

        var answered = await store.PingAsync();

        Assert.IsTrue(answered);
    }

    private static ReadOnlyMemory<byte> Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredObject stored) => Encoding.UTF8.GetString(stored.Data.Span);

    private static async Task AssertStoredAsync(IObjectStore store, string key, string expectedText, string expectedEtag)
    {
        var read = await store.ReadAsync(key);
        Assert.IsNotNull(read, $"'{key}' should exist.");
        Assert.AreEqual(expectedText, Text(read));
        Assert.AreEqual(expectedEtag, read.ETag);
    }
}
