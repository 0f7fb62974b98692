using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// A run interrupted after N writes (a storage fault injected under the engine) and run again must
/// end where a clean run ends: no duplicate BCP entity, no orphan correlation, equal content.
/// </summary>
[TestClass]
public sealed class SyncCrashTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Sync_InterruptedAfterNWritesAndRerun_EndsLikeACleanRun()
    {
        var tap = new WriteTap();
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap));

        // A clean run first: how many writes a whole run makes.
        var clean = await SyncPairAsync(host, tap, faultAfter: null);
        await SyncMirror.AssertMirrorsAsync(host, clean.Pair);
        Assert.IsTrue(clean.RunWrites > 40, $"the fixture should make a run of many writes, not {clean.RunWrites}");

        // Every early N, then random points up to the end of the run.
        var random = new Random(20261123);
        var points = Enumerable.Range(0, 8).Concat(Enumerable.Range(0, 16).Select(_ => random.Next(8, clean.RunWrites))).Distinct().Order().ToList();
        foreach (var n in points)
        {
            var interrupted = await SyncPairAsync(host, tap, faultAfter: n);
            Assert.AreEqual(SyncOutcome.Failed, interrupted.FirstOutcome, $"N={n}: the injected fault should fail the first run");
            Assert.AreEqual(SyncOutcome.Succeeded, interrupted.RerunOutcome, $"N={n}: the re-run should succeed");
            await SyncMirror.AssertMirrorsAsync(host, interrupted.Pair);
        }
    }

    [TestMethod]
    public async Task Sync_BatchFailingMidwayAndRerun_EndsLikeACleanRun()
    {
        var tap = new WriteTap();
        // The store keeps its batches: a fault at one of its objects fails the batch midway, and the store writes none of it.
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), services: TappedStoreProvider.Install(tap, batches: true));

        var clean = await SyncPairAsync(host, tap, faultAfter: null);
        await SyncMirror.AssertMirrorsAsync(host, clean.Pair);
        var (batches, objects) = tap.BatchWrites;
        Assert.IsTrue(batches > 0 && objects > batches, $"the run should create its copies in batches of several, not {objects} in {batches}");

        // Every early N (inside the first types' batches), then random points through most of the run: a pair's
        // correlation writes depend on how its random ids fall into buckets, so another pair's run may be a little shorter.
        var random = new Random(20261207);
        var points = Enumerable.Range(0, 8).Concat(Enumerable.Range(0, 12).Select(_ => random.Next(8, clean.RunWrites * 3 / 4))).Distinct().Order().ToList();
        foreach (var n in points)
        {
            var interrupted = await SyncPairAsync(host, tap, faultAfter: n);
            Assert.AreEqual(SyncOutcome.Failed, interrupted.FirstOutcome, $"N={n}: the injected fault should fail the first run");
            Assert.AreEqual(SyncOutcome.Succeeded, interrupted.RerunOutcome, $"N={n}: the re-run should succeed");
            await SyncMirror.AssertMirrorsAsync(host, interrupted.Pair);
        }
    }

    /// <summary>Seeds a new pair, runs a sync (failing the write after <paramref name="faultAfter"/> engine writes) and, if it failed, runs it again.</summary>
    private static async Task<(TestPair Pair, int RunWrites, SyncOutcome FirstOutcome, SyncOutcome? RerunOutcome)> SyncPairAsync(
        ApiHost host, WriteTap tap, int? faultAfter)
    {
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncFixture.SeedAsync(TenantData.PrimaryOf(host, pair));
        await SyncClient.ConfigureAsync(admin, pair.PairId, rewriteScriptIds: true);
        var engineWrites = EngineWrites(pair);
        if (faultAfter is { } n)
        {
            tap.FailAfter(n, engineWrites);
        }

        var before = tap.Written.Count(engineWrites);
        var first = await SyncClient.RunAsync(admin, pair.PairId);
        var runWrites = tap.Written.Count(engineWrites) - before;
        Assert.IsFalse(tap.FaultPending, "the fault point lies beyond the run");
        var rerun = first.Outcome == SyncOutcome.Failed ? (await SyncClient.RunAsync(admin, pair.PairId)).Outcome : (SyncOutcome?)null;
        return (pair, runWrites, first.Outcome, rerun);
    }

    /// <summary>The writes a run makes: BCP tenant data and the pair's correlations.</summary>
    private static Func<string, bool> EngineWrites(TestPair pair) => key =>
        key.StartsWith($"config/{pair.BcpTenantId}/", StringComparison.Ordinal)
        || key.StartsWith($"grains/correlations/{pair.PairId}%2F", StringComparison.Ordinal);
}
