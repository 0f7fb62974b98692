using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Correlations;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Readiness;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Bcp.Tests.Sync;
using static Orleans.Bcp.Tests.Readiness.ReadinessClient;

namespace Orleans.Bcp.Tests.Readiness;

/// <summary>
/// The memory the readiness checks take on a silo: what they keep weighs at most the configured bytes
/// (<c>KeptEntries:ReadinessMaxBytes</c>), and a pair checked once leaves no correlation bucket activated.
/// </summary>
[TestClass]
public sealed class ReadinessMemoryTests
{
    private const int SmallBound = 16 * 1024;
    private const int ExtraUsers = 60;
    // Not the product's one-second freshness, which tests that run alone bound (docs/testing.md): this class runs beside others.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(10);
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Report_OfASyncedPairNotCheckedBefore_ActivatesNoCorrelationBucket_AndSeesEveryCorrelation()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        var pair = default(TestPair)!;
        var tenant = default(ReadinessTenant)!;
        await using (var syncing = await ApiHost.StartAsync(store, settings: FreshReports))
        {
            pair = await BcpClient.CreatePairAsync(syncing);
            tenant = await ReadinessTenant.SeedAsync(syncing, pair);
            using var syncAdmin = syncing.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
            await SyncClient.ConfigureAsync(syncAdmin, pair.PairId);
            await SyncClient.RunAsync(syncAdmin, pair.PairId);
        }

        // A node started after the run, as one is after a regional outage: its first check reads the buckets from the store.
        await using var host = await ApiHost.StartAsync(store, settings: FreshReports);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await TenantData.PrimaryOf(host, pair).UpdateAsync(EntityTypes.Users, tenant.AgentId, user => user["username"] = "agent.renamed@classics.example");

        var report = await GetAsync(admin, pair.PairId);

        Assert.AreEqual("degraded", Verdict(report), report.ToJsonString());
        var changed = Items(report, "drift").Single();
        Assert.AreEqual(tenant.AgentId, changed["primaryId"]!.GetValue<string>());
        Assert.IsNotNull(changed["bcpId"]?.GetValue<string>(), "the correlation read from the store names the BCP copy");
        Assert.AreEqual(0, await BucketActivationsAsync(host), "no correlation bucket was activated by a first check");

        // Asked again, the kept correlations are checked with their grains: the count above could see an activation.
        await GetAsync(admin, pair.PairId);
        Assert.IsTrue(await BucketActivationsAsync(host) > 0, "a pair checked again asks its buckets' grains what changed");
    }

    [TestMethod]
    public async Task Reports_UnderASmallBound_KeepNoMoreThanIt_AndSayWhatAnUnboundedSiloSays()
    {
        var store = StoreSetup.Sqlite(_folder.File("bcp.db"));
        await using var unbounded = await ApiHost.StartAsync(store, settings: FreshReports);
        await using var bounded = await ApiHost.StartAsync(store, settings: new Dictionary<string, string?>(FreshReports)
        {
            ["KeptEntries:ReadinessMaxBytes"] = $"{SmallBound}",
        });
        var pair = await BcpClient.CreatePairAsync(unbounded);
        var tenant = await ReadinessTenant.SeedAsync(unbounded, pair);
        var primary = TenantData.PrimaryOf(unbounded, pair);
        for (var i = 0; i < ExtraUsers; i++)
        {
            await primary.AddAsync(EntityTypes.Users, new { username = $"agent{i:D3}@classics.example", bcpType = "single" });
        }

        using var adminA = unbounded.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        using var adminB = bounded.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.SyncEdit);
        await SyncClient.ConfigureAsync(adminA, pair.PairId);
        await SyncClient.RunAsync(adminA, pair.PairId);

        var options = bounded.Services.GetRequiredService<IOptions<KeptEntriesOptions>>().Value;
        var facts = bounded.Services.GetRequiredService<KeptFacts>();
        var listings = bounded.Services.GetRequiredService<KeptListings>();
        var correlations = bounded.Services.GetRequiredService<KeptCorrelations>();
        async Task AssertSameReportAsync(string expectedVerdict)
        {
            var expected = await GetAsync(adminA, pair.PairId);
            Assert.AreEqual(expectedVerdict, Verdict(expected), expected.ToJsonString());
            // The data was written through the unbounded host: the other one sees it after its stamps' age (docs/api.md).
            var last = "";
            await Poll.UntilAsync(async () => (last = Comparable(await GetAsync(adminB, pair.PairId))) == Comparable(expected), Settle,
                $"the bounded silo's report to match the unbounded one's; last: {last}");
            Assert.AreEqual(Comparable(expected), Comparable(await GetAsync(adminB, pair.PairId)), "and it stays so when asked again");
            Assert.IsTrue(facts.KeptBytes <= options.ReadinessFactBytes + options.ReadinessFactSetBytes, $"facts kept {facts.KeptBytes} bytes");
            Assert.IsTrue(listings.KeptBytes <= options.ReadinessListingBytes, $"listings kept {listings.KeptBytes} bytes");
            Assert.IsTrue(correlations.KeptBytes <= options.ReadinessCorrelationBytes, $"correlations kept {correlations.KeptBytes} bytes");
        }

        await AssertSameReportAsync("ready");
        Assert.IsTrue(facts.KeptBytes > options.ReadinessFactBytes / 4, $"the facts reached the bound and were trimmed, not avoided ({facts.KeptBytes} bytes kept)");

        await primary.UpdateAsync(EntityTypes.Users, tenant.AgentId, user => user["username"] = "agent.renamed@classics.example");
        await primary.AddAsync(EntityTypes.Skills, new { name = "Claims" });
        await AssertSameReportAsync("degraded");

        await SyncClient.RunAsync(adminA, pair.PairId);
        await AssertSameReportAsync("ready");
    }

    /// <summary>The correlation bucket grains active on the host (the statistics name a grain by its class and assembly).</summary>
    private static async Task<int> BucketActivationsAsync(ApiHost host)
    {
        var statistics = await host.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        return statistics.Where(statistic => statistic.GrainType.StartsWith(typeof(EntityGrain).FullName + ",", StringComparison.Ordinal))
            .Sum(statistic => statistic.ActivationCount);
    }

    /// <summary>The report without what differs between two silos' checks of the same data (when and where it was checked).</summary>
    private static string Comparable(System.Text.Json.Nodes.JsonObject report)
    {
        var copy = report.DeepClone().AsObject();
        copy.Remove("checkedAt");
        copy.Remove("checkedBy");
        return copy.ToJsonString();
    }
}
