using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Freshness;

/// <summary>Change stamps on a real SQLite store: concurrent writers share bumps, none is acknowledged by a bump that began before it asked, and readers follow within MaxAge.</summary>
[TestClass]
public sealed class ChangeStampsTests
{
    private static readonly TenantLocation Tenant = new("tenant-a", "us-east");
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Bump_WritersAskingWhileOneIsWriting_ShareTheNextBump_NotTheRunningOne()
    {
        var tap = new WriteTap();
        var stores = Stores(tap);
        var stamps = new ChangeStamps(stores, TimeProvider.System);
        var before = await StampInStoreAsync(stores);
        tap.HoldWrites(key => key.StartsWith("changes/", StringComparison.Ordinal));
        var first = stamps.BumpAsync(Tenant, EntityTypes.Users);
        var later = Enumerable.Range(0, 63).Select(_ => stamps.BumpAsync(Tenant, EntityTypes.Users)).ToList();

        // The running bump may have read the stamp before the later writers' entities landed: they must not ride on it.
        await Task.Delay(50);
        Assert.IsFalse(first.IsCompleted || later.Any(bump => bump.IsCompleted), "writes are held");
        tap.ReleaseWrites();
        await Task.WhenAll(later.Append(first));

        Assert.AreEqual(2, tap.CountWrites("changes/tenant-a/users"), "one bump for the first writer, one shared by the 63 that asked while it ran");
        Assert.AreNotEqual(before, await StampInStoreAsync(stores));
        Assert.AreEqual(0, tap.CountWrites("changes/tenant-a/points-of-contact"), "types are stamped separately");
    }

    [TestMethod]
    public async Task Current_IsReadAtMostOncePerMaxAge_AndFollowsABumpAfterIt()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var readerTap = new WriteTap();
        var reader = new ChangeStamps(Stores(readerTap), time);
        var writer = new ChangeStamps(Stores(new WriteTap()), time);
        var first = await reader.CurrentAsync(Tenant, EntityTypes.Users);
        var reads = readerTap.CountReads("changes/");

        await writer.BumpAsync(Tenant, EntityTypes.Users);

        time.Advance(ChangeStamps.MaxAge - TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(first, await reader.CurrentAsync(Tenant, EntityTypes.Users), "a reading younger than MaxAge is trusted");
        Assert.AreEqual(reads, readerTap.CountReads("changes/"), "and not read again");
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.AreNotEqual(first, await reader.CurrentAsync(Tenant, EntityTypes.Users), "a bump shows once the reading is MaxAge old");
    }

    [TestMethod]
    public async Task Current_WhileTheStoreCannotBeRead_KeepsTheLastStamp_AndFailsWithoutOne()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var tap = new WriteTap();
        var stamps = new ChangeStamps(Stores(tap), time);
        var first = await stamps.CurrentAsync(Tenant, EntityTypes.Users);

        tap.FailReads(key => key.StartsWith("changes/", StringComparison.Ordinal));
        time.Advance(ChangeStamps.MaxAge);
        var reads = tap.CountReads("changes/tenant-a/users");
        Assert.AreEqual(first, await stamps.CurrentAsync(Tenant, EntityTypes.Users), "what was kept under the last stamp stays served");
        Assert.AreEqual(reads + 1, tap.CountReads("changes/tenant-a/users"), "the store was asked");
        await Assert.ThrowsExactlyAsync<StoreUnavailableException>(async () => await stamps.CurrentAsync(Tenant, EntityTypes.Teams), "no stamp read yet: nothing to keep serving");

        tap.FailReads(null);
        time.Advance(ChangeStamps.MaxAge);
        Assert.AreEqual(first, await stamps.CurrentAsync(Tenant, EntityTypes.Users), "read again once the store answers");
        Assert.AreEqual(reads + 2, tap.CountReads("changes/tenant-a/users"));
    }

    [TestMethod]
    public async Task Current_OnTheSiloThatBumped_ShowsTheBumpAtOnce()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var stamps = new ChangeStamps(Stores(new WriteTap()), time);
        var first = await stamps.CurrentAsync(Tenant, EntityTypes.Skills);

        await stamps.BumpAsync(Tenant, EntityTypes.Skills);

        // No time passes: the reading is young, but this silo's own bump dropped it.
        Assert.AreNotEqual(first, await stamps.CurrentAsync(Tenant, EntityTypes.Skills), "a silo sees its own write without waiting MaxAge");
    }

    [TestMethod]
    public async Task Write_OfAnyType_MovesItsStamp_BeforeItIsAcknowledged()
    {
        var stores = Stores(new WriteTap());
        var configuration = new StoreTenantConfiguration(stores, new ChangeStamps(stores, TimeProvider.System));
        foreach (var type in EntityTypes.InSyncOrder.Select(type => type.Name))
        {
            var before = await StampInStoreAsync(stores, type);
            var created = await configuration.CreateAsync(Tenant, type, "entity-1", new JsonObject { ["name"] = "One" });
            var afterCreate = await StampInStoreAsync(stores, type);
            await configuration.ReplaceAsync(Tenant, type, "entity-1", new JsonObject { ["name"] = "Uno" }, created.ETag);
            var afterReplace = await StampInStoreAsync(stores, type);

            Assert.AreNotEqual(before, afterCreate, $"{type}: create");
            Assert.AreNotEqual(afterCreate, afterReplace, $"{type}: replace");
        }
    }

    private TappedStoreProvider Stores(WriteTap tap) => new(new ObjectStoreProvider(
        Options.Create(new StorageOptions { Default = new StoreOptions { Provider = "sqlite", Path = _folder.File("bcp.db") } })), tap);

    private static async Task<string?> StampInStoreAsync(IObjectStoreProvider stores, string type = EntityTypes.Users) =>
        (await stores.Get("us-east").ReadAsync($"changes/tenant-a/{type}"))?.ETag;
}
