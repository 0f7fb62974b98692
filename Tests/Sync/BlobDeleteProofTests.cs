using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>A delete needs proof on Blob Storage (Azurite): the primary region's container gone is an error, never an empty tenant.</summary>
[TestClass]
public sealed class BlobDeleteProofTests
{
    private readonly BlobTestContainer _control = new("control");
    private readonly BlobTestContainer _primary = new("primary");

    [TestCleanup]
    public async Task CleanupAsync()
    {
        await _control.DeleteAsync();
        await _primary.DeleteAsync();
    }

    [TestMethod]
    public async Task Sync_PrimaryContainerDeleted_FailsAsPrimaryUnreadableAndDeletesNothing()
    {
        var primaryStore = await _primary.CreateAsync();
        await using var host = await ApiHost.StartAsync(await _control.CreateAsync(), settings: new Dictionary<string, string?>
        {
            ["Storage:Stores:us-east:Provider"] = "blob",
            ["Storage:Stores:us-east:ConnectionString"] = primaryStore.Settings["Storage:Default:ConnectionString"],
            ["Storage:Stores:us-east:Container"] = primaryStore.Settings["Storage:Default:Container"],
        });
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        var primary = TenantData.PrimaryOf(host, pair);
        for (var i = 0; i < 12; i++)
        {
            await primary.AddAsync(EntityTypes.Users, new { username = $"agent{i}@classics.example" });
        }

        await primary.AddAsync(EntityTypes.Skills, new { name = "Billing" });
        await SyncClient.ConfigureAsync(admin, pair.PairId);
        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.RunAsync(admin, pair.PairId)).Outcome);

        await _primary.DeleteAsync();
        var report = await SyncClient.RunAsync(admin, pair.PairId);

        Assert.AreEqual(SyncOutcome.Failed, report.Outcome);
        Assert.AreEqual("primary-unreadable", report.ErrorCode);
        StringAssert.Contains(report.Error, "could not be listed");
        Assert.DoesNotContain("AccountKey", report.Error!);
        var bcp = TenantData.BcpOf(host, pair);
        Assert.AreEqual((12, 1), (await bcp.CountAsync(EntityTypes.Users), await bcp.CountAsync(EntityTypes.Skills)), "not one BCP copy deleted");
    }
}
