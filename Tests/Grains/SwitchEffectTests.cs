using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Hosting;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace Orleans.Bcp.Tests.Grains;

/// <summary>
/// When a switch took effect on every node: three silos, each with its real pair-state cache, acknowledge the
/// pushed status to the pair grain (<see cref="SwitchEffect"/>). A node whose acknowledgements are held up on the
/// way out (as a stalled node's would be) is named after the 1 s deadline.
/// </summary>
[TestClass]
// Alone: it bounds when a switch's effect settles (every acknowledgement before the deadline, or at it).
[DoNotParallelize]
public sealed class SwitchEffectTests
{
    private static readonly Actor Admin = new("admin-1", "tenant-a");

    /// <summary>Longer than the deadline: the held node's acknowledgement arrives late.</summary>
    private static readonly TimeSpan HeldAck = TimeSpan.FromSeconds(1.5);

    private readonly TempFolder _folder = new();
    private InProcessTestCluster? _cluster;
    private string? _heldSiloName;

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
    public async Task Switch_ThreeSubscribedSilos_EffectiveOnThreeOfThreeWithinTheDeadline()
    {
        var (pair, passkey) = await StartWithPairAsync(heldSilo: null);
        await SubscribeEverySiloAsync(pair);

        var reply = await pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, passkey, null, Admin));
        Assert.AreEqual(SwitchOutcome.Switched, reply.Outcome);
        // Counting starts at the commit; the reply does not wait for it (acknowledgements that came while the switch's
        // turn handed its webhook events off may already be in).
        Assert.AreEqual(3, reply.Status!.LastSwitchEffect?.NodesExpected, "the reply already knows which nodes it counts");
        var (status, waited) = await SettledAsync(pair);

        var effect = status.LastSwitchEffect!;
        Assert.AreEqual((3, 3, 0), (effect.NodesExpected, effect.NodesAcknowledged, effect.UnacknowledgedNodes.Count));
        Assert.IsNotNull(effect.EffectiveEverywhereAt);
        Assert.IsTrue(effect.EffectiveAfterMs is >= 0 and < 1000, $"effective after {effect.EffectiveAfterMs} ms");
        Assert.IsTrue(waited < SwitchEffect.Deadline, $"settled {waited.TotalMilliseconds:F0} ms after the reply, by the last acknowledgement");
        // The commit comes after the switch's time and before its reply; the effect is that many ms after the commit.
        var sinceSwitch = (effect.EffectiveEverywhereAt!.Value - status.LastSwitch!.At).TotalMilliseconds;
        Assert.IsTrue(sinceSwitch >= effect.EffectiveAfterMs - 0.1 && sinceSwitch < effect.EffectiveAfterMs + 1000, $"{sinceSwitch} ms after the switch, {effect.EffectiveAfterMs} ms after its commit");

        var entry = await SwitchEntryAsync(pair);
        Assert.AreEqual(effect.EffectiveEverywhereAt.Value.ToString("O"), entry.Details["effectiveEverywhereAt"]);
        Assert.AreEqual(effect.EffectiveAfterMs!.Value, double.Parse(entry.Details["effectiveAfterMs"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.AreEqual(("3", "3"), (entry.Details["nodesExpected"], entry.Details["nodesAcknowledged"]));
        Assert.IsFalse(entry.Details.ContainsKey("unacknowledgedNodes"));
        Console.WriteLine($"effective on 3 of 3 nodes after {effect.EffectiveAfterMs} ms");
    }

    [TestMethod]
    public async Task Switch_SilosKeepingNoCopy_ServeTheNewSideFromTheCommit()
    {
        var (pair, passkey) = await StartWithPairAsync(heldSilo: null);
        // Only one silo keeps the pair; the other two read it (the new side) on their next request.
        await _cluster!.Silos[0].ServiceProvider.GetRequiredService<PairStateCache>().PairAsync(pair.GetPrimaryKeyString());

        await pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, passkey, null, Admin));
        var (status, _) = await SettledAsync(pair);

        Assert.AreEqual((3, 3), (status.LastSwitchEffect!.NodesExpected, status.LastSwitchEffect.NodesAcknowledged));
        Assert.IsNotNull(status.LastSwitchEffect.EffectiveEverywhereAt);
    }

    [TestMethod]
    public async Task Switch_ANodeSilentPastTheDeadline_IsNamed_InStatusAndAudit_DurablyAndForGood()
    {
        var (pair, passkey) = await StartWithPairAsync(heldSilo: 2);
        await SubscribeEverySiloAsync(pair);
        var held = _cluster!.Silos.Single(silo => silo.Name == _heldSiloName);
        var heldName = $"{held.Name} ({held.SiloAddress.Endpoint})";

        await pair.SwitchAsync(new SwitchCommand(PairRole.Bcp, passkey, null, Admin));
        var counting = (await pair.GetStatusAsync())!.LastSwitchEffect!;
        Assert.IsFalse(counting.Settled, "still counted: taking effect");
        Assert.AreEqual(3, counting.NodesExpected);
        Assert.AreEqual(0, (await pair.GetAuditAsync(10)).Single(entry => entry.Outcome == "switched").Details.Count(detail => detail.Key.StartsWith("nodes", StringComparison.Ordinal)),
            "the switch's entry is shown (pending) before its effect is known");

        var (status, waited) = await SettledAsync(pair);
        var effect = status.LastSwitchEffect!;
        Assert.IsTrue(waited >= SwitchEffect.Deadline - TimeSpan.FromMilliseconds(100), $"settled after {waited.TotalMilliseconds:F0} ms: at the deadline");
        Assert.AreEqual((3, 2), (effect.NodesExpected, effect.NodesAcknowledged));
        CollectionAssert.AreEqual(new[] { heldName }, effect.UnacknowledgedNodes.ToArray());
        Assert.IsNull(effect.EffectiveEverywhereAt);
        Assert.IsNull(effect.EffectiveAfterMs);

        var entry = await SwitchEntryAsync(pair);
        Assert.AreEqual(heldName, entry.Details["unacknowledgedNodes"]);
        Assert.AreEqual(("3", "2"), (entry.Details["nodesExpected"], entry.Details["nodesAcknowledged"]));
        Assert.IsFalse(entry.Details.ContainsKey("effectiveEverywhereAt"));

        // The held acknowledgement arrives late: the settled record stays as it is, also after a new activation.
        await Task.Delay(HeldAck);
        await _cluster.DeactivateAsync(pair);
        var later = (await pair.GetStatusAsync())!.LastSwitchEffect!;
        Assert.AreEqual((3, 2, null), (later.NodesExpected, later.NodesAcknowledged, later.EffectiveEverywhereAt));
        CollectionAssert.AreEqual(new[] { heldName }, later.UnacknowledgedNodes.ToArray());
        Assert.AreEqual(heldName, (await SwitchEntryAsync(pair)).Details["unacknowledgedNodes"]);
    }

    private static async Task<(PairStatus Status, TimeSpan Waited)> SettledAsync(ITenantPairGrain pair)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (await pair.GetStatusAsync() is { LastSwitchEffect.Settled: true } status)
            {
                return (status, watch.Elapsed);
            }

            await Task.Delay(10);
        }

        throw new AssertFailedException("the switch's effect was not settled within 5 s");
    }

    private static async Task<AuditEntry> SwitchEntryAsync(ITenantPairGrain pair) =>
        (await pair.GetAuditAsync(10)).Single(entry => entry is { Action: "switch", Outcome: "switched" });

    /// <summary>Every silo's cache reads the pair, and so subscribes to it.</summary>
    private async Task SubscribeEverySiloAsync(ITenantPairGrain pair)
    {
        foreach (var silo in _cluster!.Silos)
        {
            Assert.IsNotNull(await silo.ServiceProvider.GetRequiredService<PairStateCache>().PairAsync(pair.GetPrimaryKeyString()));
        }
    }

    /// <summary>Three silos on one SQLite file; the silo at <paramref name="heldSilo"/> holds its acknowledgements back for <see cref="HeldAck"/>.</summary>
    private async Task<(ITenantPairGrain Pair, string Passkey)> StartWithPairAsync(int? heldSilo)
    {
        var path = _folder.File("bcp.db");
        var builder = new InProcessTestClusterBuilder(3);
        var configured = 0;
        builder.ConfigureSilo((options, silo) =>
        {
            silo.Services.AddBcpServices();
            silo.Services.Configure<StorageOptions>(options => options.Default.Path = path);
            silo.Services.AddGrainStorage(StorageNames.Control, (services, _) => new ObjectStoreGrainStorage(
                services.GetRequiredService<IObjectStoreProvider>().Get(StorageNames.Control), new TextJsonGrainStorageSerializer()));
            silo.UseInMemoryReminderService();
            if (configured++ == heldSilo)
            {
                _heldSiloName = options.SiloName;
                silo.AddOutgoingGrainCallFilter(async call =>
                {
                    if (call.InterfaceMethod.Name == nameof(ITenantPairGrain.AcknowledgeAsync))
                    {
                        await Task.Delay(HeldAck);
                    }

                    await call.Invoke();
                });
            }
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        var pair = _cluster.Client.GetGrain<ITenantPairGrain>(Guid.NewGuid().ToString("N"));
        var created = await pair.CreateAsync(new TenantRef("tenant-a", "A", "us-east"), new TenantRef("tenant-b", "B", "eu-west"), Admin);
        return (pair, created!.Passkey);
    }
}
