using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Tenants;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Configuration;

namespace Orleans.Bcp.Tests.Hosting;

/// <summary>
/// The grains a pair's setup activates besides its pair grain (its tenants' and its audit grain) leave memory after
/// <c>Cluster:ColdGrainsCollectionAge</c>, not Orleans' 15 minutes, and come back with their data when asked again;
/// the pair grain, which pushes switches to the silos, keeps Orleans' age (<see cref="IdleCollection"/>).
/// </summary>
[TestClass]
public sealed class IdleCollectionTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task PairSetup_ColdGrainsIdleForTheirAge_AreCollected_ThePairGrainStays_AndAllAnswerAfter()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?>
        {
            // Orleans collects once a quantum (one minute by default); a second here, so the test waits seconds.
            ["Cluster:Collection:CollectionQuantum"] = "00:00:01",
            ["Cluster:ColdGrainsCollectionAge"] = "00:00:03",
        });
        var pair = await BcpClient.CreatePairAsync(host);
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var tenantType = grains.GetGrain<ITenantGrain>("any").GetGrainId().Type;
        var auditType = grains.GetGrain<IPairAuditGrain>("any").GetGrainId().Type;
        var pairType = grains.GetGrain<ITenantPairGrain>("any").GetGrainId().Type;
        Assert.AreEqual(2, await ActiveAsync(grains, tenantType, pair.PrimaryTenantId, pair.BcpTenantId), "the setup activated both tenants' grains");
        Assert.AreEqual(1, await ActiveAsync(grains, auditType, pair.PairId), "and the pair's audit grain");

        await Poll.UntilAsync(
            async () => await ActiveAsync(grains, tenantType, pair.PrimaryTenantId, pair.BcpTenantId) + await ActiveAsync(grains, auditType, pair.PairId) == 0,
            TimeSpan.FromSeconds(30), "the tenant and audit grains to be collected");

        Assert.AreEqual(1, await ActiveAsync(grains, pairType, pair.PairId), "the pair grain keeps Orleans' age");
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        Assert.AreEqual(pair.PrimaryTenantId, (await BcpClient.GetStatusAsync(operatorClient, pair.PairId)).Primary.TenantId);
        Assert.AreEqual(pair.PairId, (await grains.GetGrain<ITenantGrain>(pair.BcpTenantId).GetAsync())?.PairId, "a collected tenant comes back with its pair");
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit);
        Assert.IsNotEmpty(await BcpClient.GetAuditAsync(admin, pair.PairId), "a collected audit grain comes back with its trail");
    }

    [TestMethod]
    public async Task Defaults_ColdGrainsGoAfterTwoMinutes_TheRestAfterOrleansAge_AndClusterCollectionOverrides()
    {
        await using (var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("defaults.db"))))
        {
            var options = host.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
            Assert.AreEqual(TimeSpan.FromMinutes(2), options.ClassSpecificCollectionAge[typeof(TenantGrain).FullName!]);
            Assert.AreEqual(TimeSpan.FromMinutes(2), options.ClassSpecificCollectionAge[typeof(PairAuditGrain).FullName!]);
            Assert.IsFalse(options.ClassSpecificCollectionAge.ContainsKey(typeof(TenantPairGrain).FullName!), "the pair grain keeps Orleans' age");
            Assert.AreEqual(TimeSpan.FromMinutes(15), options.CollectionAge);
        }

        await using var overridden = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("overridden.db")), settings: new Dictionary<string, string?>
        {
            [$"Cluster:Collection:ClassSpecificCollectionAge:{typeof(TenantGrain).FullName}"] = "00:05:00",
        });
        var set = overridden.Services.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;
        Assert.AreEqual(TimeSpan.FromMinutes(5), set.ClassSpecificCollectionAge[typeof(TenantGrain).FullName!]);
        Assert.AreEqual(TimeSpan.FromMinutes(2), set.ClassSpecificCollectionAge[typeof(PairAuditGrain).FullName!]);
    }

    [TestMethod]
    public async Task Start_ColdAgeNotAboveTheQuantum_RefusesNamingTheKey()
    {
        var error = await Assert.ThrowsExactlyAsync<OptionsValidationException>(() => ApiHost.StartAsync(
            StoreSetup.Sqlite(_folder.File("refused.db")), settings: new Dictionary<string, string?> { ["Cluster:ColdGrainsCollectionAge"] = "00:00:30" }));

        StringAssert.Contains(error.Message, "Cluster:ColdGrainsCollectionAge");
    }

    private static async Task<int> ActiveAsync(IGrainFactory grains, GrainType type, params string[] keys)
    {
        var active = await grains.GetGrain<IManagementGrain>(0).GetActiveGrains(type);
        return active.Count(grain => keys.Contains(grain.Key.ToString()));
    }
}
