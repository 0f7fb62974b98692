using System.Net;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// An initial run on SQLite creates its copies in batches, one transaction each (Grains/Sync/SyncEngine.cs): a switch
/// still stops it at once. Only copies already past their fence check when the switch answered may land after it, no
/// more of them than the engine's 16 single writes in flight before batches; and the next run completes the copy.
/// </summary>
[TestClass]
public sealed class BatchedCreateFenceTests
{
    private const int Users = 300;

    /// <summary>The engine's parallelism: copies that may be past their fence check and not yet written.</summary>
    private const int InFlight = 16;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Switch_WhileAnInitialRunCreatesInBatches_AtMostTheCopiesInFlightLandAfter_AndTheNextRunCompletes()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap, batches: true));
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit, Permissions.ActivationEdit);
        var primary = TenantData.PrimaryOf(host, pair);
        var bcp = TenantData.BcpOf(host, pair);
        await Parallel.ForEachAsync(Enumerable.Range(0, Users), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            await primary.AddAsync(EntityTypes.Users, new { username = $"agent{i}@classics.example", firstName = "Agent", lastName = $"{i}", bcpType = "none" }));
        await SyncClient.ConfigureAsync(admin, pair.PairId, mode: "custom", entityTypes: [EntityTypes.Users]);
        // Slowly, to act while it runs: every copy of a batch waits before the batch reaches the store.
        tap.SlowWrites(key => key.StartsWith($"config/{pair.BcpTenantId}/{EntityTypes.Users}/", StringComparison.Ordinal), TimeSpan.FromMilliseconds(10));

        var runId = await SyncClient.StartAsync(admin, pair.PairId);
        var deadline = DateTime.UtcNow + Deadline;
        while (await bcp.CountAsync(EntityTypes.Users) < 32)
        {
            Assert.IsTrue(DateTime.UtcNow < deadline, "timed out waiting for the run to copy users");
            await Task.Delay(20);
        }

        using (var switched = await BcpClient.SwitchAsync(admin, pair.PairId, "bcp", pair.Passkey))
        {
            Assert.AreEqual(HttpStatusCode.OK, switched.StatusCode, await switched.Content.ReadAsStringAsync());
        }

        var atSwitch = await bcp.CountAsync(EntityTypes.Users);
        var report = await SyncClient.WaitAsync(admin, pair.PairId, runId);
        Assert.AreEqual((SyncOutcome.Cancelled, SyncCancelReason.BcpActivated), (report.Outcome, report.CancelReason), report.Error);
        var landedAfter = await bcp.CountAsync(EntityTypes.Users) - atSwitch;
        Assert.IsTrue(atSwitch < Users, $"the run should still have users to copy when the switch answered ({atSwitch} of {Users})");
        Assert.IsTrue(landedAfter <= InFlight, $"{landedAfter} copies landed after the switch answered; at most {InFlight} may be in flight");
        var (batches, objects) = tap.BatchWrites;
        Assert.IsTrue(batches > 0 && objects > batches, $"the run should create its copies in batches of several, not {objects} in {batches}");

        // Back on the primary, the next run finishes the copy: one BCP copy per user.
        tap.SlowWrites(_ => false, TimeSpan.Zero);
        using (var back = await BcpClient.SwitchAsync(admin, pair.PairId, "primary", pair.Passkey))
        {
            Assert.AreEqual(HttpStatusCode.OK, back.StatusCode, await back.Content.ReadAsStringAsync());
        }

        Assert.AreEqual(SyncOutcome.Succeeded, (await SyncClient.RunAsync(admin, pair.PairId)).Outcome);
        await SyncMirror.AssertMirrorsAsync(host, pair);
    }
}
