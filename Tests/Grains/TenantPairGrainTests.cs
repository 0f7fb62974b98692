using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace Orleans.Bcp.Tests.Grains;

/// <summary>The pair grain on Orleans' in-process test cluster: two silos, grain state in a real SQLite file.</summary>
[TestClass]
public sealed class TenantPairGrainTests
{
    private static readonly Actor Admin = new("admin-1", "tenant-a");
    private static readonly Actor Operator = new("operator-1", "ops");
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
    // Alone: the 40 switches queue on one grain and each checks the passkey's hash; with other classes' load the
    // last ones waited past Orleans' 30 s response timeout.
    [DoNotParallelize]
    public async Task Switch_FortyConcurrentCallers_EpochCountsEffectiveSwitches()
    {
        var grains = await StartClusterAsync();
        var pair = grains.GetGrain<ITenantPairGrain>(Guid.NewGuid().ToString("N"));
        var created = await pair.CreateAsync(new TenantRef("tenant-a", "A", "us-east"), new TenantRef("tenant-b", "B", "eu-west"), Admin);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => pair.SwitchAsync(
            new SwitchCommand(i % 2 == 0 ? PairRole.Bcp : PairRole.Primary, created!.Passkey, null, Admin))));

        var switched = results.Count(result => result.Outcome == SwitchOutcome.Switched);
        var status = await pair.GetStatusAsync();
        Assert.AreEqual(switched, status!.Epoch, "every effective switch moved the epoch by one");
        var audit = await pair.GetAuditAsync(100);
        Assert.AreEqual(switched, audit.Count(entry => entry is { Action: "switch", Outcome: "switched" }), "each audited once");
        Assert.AreEqual(40, audit.Count(entry => entry.Action == "switch"), "every attempt audited");
    }

    [TestMethod]
    public async Task Switch_AfterTheActivationMovesSilo_StateIsDurable()
    {
        var grains = await StartClusterAsync();
        var pairId = Guid.NewGuid().ToString("N");
        var pair = grains.GetGrain<ITenantPairGrain>(pairId);
        var created = await pair.CreateAsync(new TenantRef("tenant-a", "A", "us-east"), new TenantRef("tenant-b", "B", "eu-west"), Admin);
        await pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, created!.Passkey, null, Admin));
        await pair.SwitchAsync(new SwitchCommand(PairRole.Primary, "wrong-passkey", null, Admin));

        await _cluster!.DeactivateAsync(pair);
        var status = await pair.GetStatusAsync();
        Assert.AreEqual(PairRole.Bcp, status!.ActiveSide);
        Assert.AreEqual(1, status.Epoch);
        Assert.AreEqual(SwitchOutcome.PasskeyInvalid, (await pair.SwitchAsync(new SwitchCommand(PairRole.Primary, "wrong-again", null, Admin))).Outcome);
        Assert.AreEqual(SwitchOutcome.Switched, (await pair.SwitchAsync(new SwitchCommand(PairRole.Primary, created.Passkey, null, Admin))).Outcome);
    }

    [TestMethod]
    public async Task SwitchAndRotate_WithoutOperatorAuthority_TheGrainRefusesAndChangesNothing()
    {
        var grains = await StartClusterAsync();
        var pair = grains.GetGrain<ITenantPairGrain>(Guid.NewGuid().ToString("N"));
        var created = await pair.CreateAsync(new TenantRef("tenant-a", "A", "us-east"), new TenantRef("tenant-b", "B", "eu-west"), Admin);

        await Assert.ThrowsExactlyAsync<UnauthorizedAccessException>(() => pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, null, "outage", Admin)));
        await Assert.ThrowsExactlyAsync<UnauthorizedAccessException>(() => pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, null, " ", Admin, ByOperator: true)));
        await Assert.ThrowsExactlyAsync<UnauthorizedAccessException>(() => pair.RotatePasskeyAsync(Admin, byOperator: false));

        var status = await pair.GetStatusAsync();
        Assert.AreEqual(PairRole.Primary, status!.ActiveSide, "no switch happened");
        Assert.AreEqual(0, status.Epoch);
        Assert.AreEqual(SwitchOutcome.Switched, (await pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, created!.Passkey, null, Admin))).Outcome,
            "the passkey still works: it was not rotated");
        Assert.AreEqual(SwitchOutcome.Switched, (await pair.SwitchAsync(new SwitchCommand(PairRole.Primary, null, "outage", Operator, ByOperator: true))).Outcome,
            "an operator with a reason still switches without passkey");
        Assert.IsNotNull(await pair.RotatePasskeyAsync(Operator, byOperator: true), "an operator still rotates");
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
