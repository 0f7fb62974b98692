using Microsoft.Data.Sqlite;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Silo.Storage.Sqlite;

namespace Orleans.Bcp.Tests.Storage;

[TestClass]
public sealed class SqliteObjectStoreTests : ObjectStoreContractTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"bcp-sqlite-{Guid.NewGuid():N}");

    protected override IObjectStore OpenStore() =>
        new SqliteObjectStore(new SqliteStoreOptions { Path = Path.Combine(_folder, "store.db") });

    [TestMethod]
    public async Task CreateMany_FreeAndTakenKeys_CreatesTheFreeAndLeavesTheTaken()
    {
        var store = (SqliteObjectStore)OpenStore();
        var held = await store.CreateAsync("batch/a", "old"u8.ToArray());

        var etags = await store.CreateManyAsync([("batch/a", "new-a"u8.ToArray()), ("batch/b", "new-b"u8.ToArray()), ("batch/c", "new-c"u8.ToArray())]);

        Assert.IsNull(etags[0]);
        var a = await store.ReadAsync("batch/a");
        Assert.AreEqual(held, a!.ETag);
        CollectionAssert.AreEqual("old"u8.ToArray(), a.Data.ToArray());
        foreach (var (key, etag, data) in new[] { ("batch/b", etags[1], "new-b"), ("batch/c", etags[2], "new-c") })
        {
            var read = await store.ReadAsync(key);
            Assert.AreEqual(etag, read!.ETag);
            CollectionAssert.AreEqual(System.Text.Encoding.UTF8.GetBytes(data), read.Data.ToArray());
        }
    }

    [TestMethod]
    public async Task CreateMany_FailingMidway_WritesNoneOfTheBatch()
    {
        var store = (SqliteObjectStore)OpenStore();
        var objects = new FailingAt(3, [.. Enumerable.Range(0, 5).Select(i => ($"batch/{i}", (ReadOnlyMemory<byte>)"x"u8.ToArray()))]);

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => store.CreateManyAsync(objects));

        // The three inserted before the failure were in the transaction that failed: none is there, and the store still takes writes.
        var page = await store.ListAsync("batch/", null, 10);
        Assert.IsEmpty(page.Objects);
        Assert.HasCount(5, await store.CreateManyAsync([.. objects.Items]));
    }

    protected override Task DeleteStorageAsync()
    {
        // Pooled connections keep the database file open.
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>A batch whose object at <paramref name="index"/> cannot be read: a failure in the middle of writing it.</summary>
    private sealed class FailingAt(int index, List<(string Key, ReadOnlyMemory<byte> Data)> items) : IReadOnlyList<(string Key, ReadOnlyMemory<byte> Data)>
    {
        public List<(string Key, ReadOnlyMemory<byte> Data)> Items => items;

        public int Count => items.Count;

        public (string Key, ReadOnlyMemory<byte> Data) this[int i] => i == index ? throw new InvalidOperationException("Injected: a failure midway.") : items[i];

        public IEnumerator<(string Key, ReadOnlyMemory<byte> Data)> GetEnumerator() => items.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
