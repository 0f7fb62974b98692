using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// A sync run lists a type again only when its change stamp moved on that side since the listing it keeps
/// (Silo/Readiness/KeptListings.cs): a run after which nothing changed lists nothing, and a change on either side (an
/// edit, a creation, a deletion on the primary; an edit in the BCP tenant) is still seen by the next run.
/// </summary>
[TestClass]
public sealed class SyncListingTests
{
    private const int Users = 40;

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task RunAfterNoChange_ListsNothing_AndEveryChangeOnEitherSideIsStillSynced()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var primary = TenantData.PrimaryOf(host, pair);
        var bcp = TenantData.BcpOf(host, pair);
        var ids = new List<string>();
        for (var i = 0; i < Users; i++)
        {
            ids.Add(await primary.AddAsync(EntityTypes.Users, new { username = $"listed{i}@classics.example", firstName = "Agent", lastName = $"{i}", bcpType = "none" }));
        }

        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Users]);
        Assert.AreEqual(Users, Counts(await SyncClient.RunAsync(admin, pair.PairId)).Created, "the first run copies every user");
        // The first run's copies moved the BCP side's stamp after its listing: the second lists the BCP users again.
        Assert.AreEqual(Users, Counts(await SyncClient.RunAsync(admin, pair.PairId)).Unchanged);

        var (primaryUsers, bcpUsers) = ($"config/{pair.PrimaryTenantId}/{EntityTypes.Users}", $"config/{pair.BcpTenantId}/{EntityTypes.Users}");
        var listed = (Primary: tap.CountLists(primaryUsers), Bcp: tap.CountLists(bcpUsers));
        Assert.AreEqual(Users, Counts(await SyncClient.RunAsync(admin, pair.PairId)).Unchanged, "nothing changed");
        Assert.AreEqual(listed, (tap.CountLists(primaryUsers), tap.CountLists(bcpUsers)), "a run after which nothing changed lists nothing");

        // On the primary: one user edited, one added, one deleted.
        await primary.UpdateAsync(EntityTypes.Users, ids[0], data => data["lastName"] = "edited on the primary");
        await primary.AddAsync(EntityTypes.Users, new { username = "listed-new@classics.example", firstName = "New", lastName = "Agent", bcpType = "none" });
        await primary.DeleteAsync(EntityTypes.Users, ids[1]);
        var afterPrimaryChanges = Counts(await SyncClient.RunAsync(admin, pair.PairId));
        Assert.AreEqual((1, 1, 1), (afterPrimaryChanges.Created, afterPrimaryChanges.Updated, afterPrimaryChanges.Deleted), "the primary's changes are seen");
        Assert.IsTrue(tap.CountLists(primaryUsers) > listed.Primary, "the primary's users were listed again");

        // In the BCP tenant: an admin edits a copy, which the next run overwrites (docs/sync.md).
        var copy = (await bcp.AllAsync(EntityTypes.Users)).Single(user => user.Value["lastName"]!.GetValue<string>() == "2").Key;
        await bcp.UpdateAsync(EntityTypes.Users, copy, data => data["lastName"] = "edited in the BCP tenant");
        var afterBcpEdit = Counts(await SyncClient.RunAsync(admin, pair.PairId));
        Assert.AreEqual(1, afterBcpEdit.Updated, "the BCP edit is seen and overwritten");
        Assert.AreEqual("2", (await bcp.GetAsync(EntityTypes.Users, copy))!["lastName"]!.GetValue<string>());

        Assert.AreEqual(Users, Counts(await SyncClient.RunAsync(admin, pair.PairId)).Unchanged, "settled again");
        await SyncMirror.AssertMirrorsAsync(host, pair);
    }

    private static TypeCounts Counts(SyncRunReport report)
    {
        Assert.AreEqual(SyncOutcome.Succeeded, report.Outcome, report.Error);
        return report.Counts[EntityTypes.Users];
    }
}
