using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Orleans.Bcp.Tests.Grains;

/// <summary>A pair's audit trail grain beside the pair grain, on Orleans' in-process test cluster with grain state in a real SQLite file.</summary>
[TestClass]
public sealed class PairAuditGrainTests
{
    private static readonly Actor Admin = new("admin-1", "tenant-a");
    private static readonly Actor System = new("system", "system");
    private static readonly ImmutableDictionary<string, string> NoDetails = ImmutableDictionary<string, string>.Empty;
    private readonly TempFolder _folder = new();
    private InProcessTestCluster? _cluster;

    [TestCleanup]
    public async Task CleanupAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _folder.Dispose();
    }

    [TestMethod]
    public async Task Record_BetweenThePairsOwnEntries_OneTrailNumberedInTheOrderTheyHappened()
    {
        var grains = await StartClusterAsync();
        var pairId = Guid.NewGuid().ToString("N");
        var pair = grains.GetGrain<ITenantPairGrain>(pairId);
        var trail = grains.GetGrain<IPairAuditGrain>(pairId);

        var created = await pair.CreateAsync(new TenantRef("tenant-a", "A", "us-east"), new TenantRef("tenant-b", "B", "eu-west"), Admin);
        await trail.RecordAsync(Admin, "sync-settings", "enabled", NoDetails);
        await pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, created!.Passkey, null, Admin));
        await trail.RecordAsync(System, "sync-run", "started", NoDetails);
        await pair.SwitchAsync(new SwitchCommand(PairRole.Primary, "wrong-passkey", null, Admin));

        var audit = await pair.GetAuditAsync(10);
        CollectionAssert.AreEqual(
            new[] { "1 pair-create", "2 sync-settings", "3 switch switched", "4 sync-run", "5 switch passkey-invalid" },
            audit.OrderBy(entry => entry.Sequence).Select(entry => entry.Action == "switch" ? $"{entry.Sequence} switch {entry.Outcome}" : $"{entry.Sequence} {entry.Action}").ToArray());
        // The switch's entry is appended once its effect record is settled (at once here: no silo subscribed), in a later turn.
        var appended = await trail.ListAsync(10);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); appended.Count < audit.Count && DateTime.UtcNow < deadline; appended = await trail.ListAsync(10))
        {
            await Task.Delay(20);
        }

        CollectionAssert.AreEqual(audit.Select(entry => entry.Sequence).ToArray(), appended.Select(entry => entry.Sequence).ToArray(),
            "the trail lists the pair's entries too, once appended");
    }

    [TestMethod]
    public async Task Record_AfterBothActivationsEnd_NumbersAreNeverHandedOutTwice()
    {
        var grains = await StartClusterAsync();
        var pairId = Guid.NewGuid().ToString("N");
        var pair = grains.GetGrain<ITenantPairGrain>(pairId);
        var trail = grains.GetGrain<IPairAuditGrain>(pairId);
        var created = await pair.CreateAsync(new TenantRef("tenant-a", "A", "us-east"), new TenantRef("tenant-b", "B", "eu-west"), Admin);
        await trail.RecordAsync(Admin, "webhook-create", "created", NoDetails);

        await _cluster!.DeactivateAsync(trail);
        await _cluster.DeactivateAsync(pair);
        await pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, created!.Passkey, null, Admin));
        await trail.RecordAsync(Admin, "webhook-delete", "deleted", NoDetails);

        // Through the pair: the switch's entry may still be held back for its effect record.
        var audit = await pair.GetAuditAsync(10);
        CollectionAssert.AreEqual(new long[] { 4, 3, 2, 1 }, audit.Select(entry => entry.Sequence).ToArray());
        CollectionAssert.AreEqual(new[] { "webhook-delete", "switch", "webhook-create", "pair-create" }, audit.Select(entry => entry.Action).ToArray());
    }

    [TestMethod]
    public async Task Record_BeforeAPairOfTheOldLayoutDrainsItsOutbox_TakesTheNumberAfterTheOutboxs()
    {
        var grains = await StartClusterAsync();
        var pairId = Guid.NewGuid().ToString("N");
        var pair = grains.GetGrain<ITenantPairGrain>(pairId);
        var trail = grains.GetGrain<IPairAuditGrain>(pairId);
        // As a release that numbered the trail in the pair's state left it: three entries committed, none appended yet.
        var storage = _cluster!.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Control);
        var old = new GrainState<TenantPairState>(new TenantPairState
        {
            Primary = new TenantRef("tenant-a", "A", "us-east"),
            Bcp = new TenantRef("tenant-b", "B", "eu-west"),
            CreatedAt = DateTimeOffset.UtcNow,
            AuditSequence = 3,
            PendingAudit = [.. Enumerable.Range(1, 3).Select(sequence => new AuditEntry(sequence, DateTimeOffset.UtcNow, "admin-1", "tenant-a", $"old-{sequence}", "done", NoDetails))],
        });
        await storage.WriteStateAsync("pair", pair.GetGrainId(), old);

        await trail.RecordAsync(System, "sync-run", "started", NoDetails);

        var audit = await pair.GetAuditAsync(10);
        CollectionAssert.AreEqual(new[] { "sync-run", "old-3", "old-2", "old-1" }, audit.Select(entry => entry.Action).ToArray());
        CollectionAssert.AreEqual(new long[] { 4, 3, 2, 1 }, audit.Select(entry => entry.Sequence).ToArray());
        CollectionAssert.AreEqual(new long[] { 4, 3, 2, 1 }, (await trail.ListAsync(10)).Select(entry => entry.Sequence).ToArray(),
            "the pair's activation appended its outbox to the trail");
    }

    private async Task<IGrainFactory> StartClusterAsync()
    {
        var path = _folder.File("bcp.db");
        var builder = new InProcessTestClusterBuilder(2);
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddBcpServices();
            silo.Services.Configure<StorageOptions>(options => options.Default.Path = path);
            silo.Services.AddGrainStorage(StorageNames.Control, (services, _) => new ObjectStoreGrainStorage(
                services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control), new TextJsonGrainStorageSerializer()));
            silo.UseInMemoryReminderService();
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        return _cluster.Client;
    }
}
