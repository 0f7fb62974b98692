using Orleans.Bcp.Grains.Runtime;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Runtime;

[TestClass]
public sealed class GrainRuntimeTests
{
    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Calls_ConcurrentOnOneGrain_RunOneTurnAtATimeAndLoseNothing()
    {
        var probe = new CounterProbe();
        using var silo = new TestSilo(_folder.File("bcp.db"), TimeProvider.System, probe);
        var counter = silo.Runtime.GetGrain<ICounterGrain>("c1");

        await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => counter.IncrementAsync()));

        Assert.AreEqual(50, await counter.GetAsync());
        Assert.AreEqual(1, probe.MaxConcurrent);
        Assert.AreEqual(1, probe.Activations);
    }

    [TestMethod]
    public async Task Calls_StateWrittenByAnotherSilo_ConflictIsRetriedOnFreshState()
    {
        var path = _folder.File("bcp.db");
        using var siloA = new TestSilo(path, TimeProvider.System, new CounterProbe());
        using var siloB = new TestSilo(path, TimeProvider.System, new CounterProbe());
        Assert.AreEqual(1, await siloA.Runtime.GetGrain<ICounterGrain>("c1").IncrementAsync());
        Assert.AreEqual(2, await siloB.Runtime.GetGrain<ICounterGrain>("c1").IncrementAsync());

        // Silo A still holds count 1 with the old ETag: its write conflicts, it reloads (2) and retries.
        var result = await siloA.Runtime.GetGrain<ICounterGrain>("c1").IncrementAsync();

        Assert.AreEqual(3, result);
    }

    [TestMethod]
    public async Task Calls_ConflictOnRetryToo_ReachesCallerAndStoreKeepsOtherWrite()
    {
        var probe = new CounterProbe();
        using var silo = new TestSilo(_folder.File("bcp.db"), TimeProvider.System, probe);
        using var rival = new TestSilo(_folder.File("bcp.db"), TimeProvider.System, new CounterProbe());
        var counter = silo.Runtime.GetGrain<ICounterGrain>("c1");
        await counter.IncrementAsync();
        // Another silo writes between every read and write of this one.
        probe.BeforeWrite = () => rival.Runtime.GetGrain<ICounterGrain>("c1").IncrementAsync();

        await Assert.ThrowsExactlyAsync<InconsistentStateException>(counter.IncrementAsync);

        probe.BeforeWrite = null;
        Assert.AreEqual(3, await rival.Runtime.GetGrain<ICounterGrain>("c1").GetAsync());
        Assert.AreEqual(4, await counter.IncrementAsync());
    }

    [TestMethod]
    public async Task Activations_IdleLongerThanTimeout_AreDeactivatedAndReactivateOnNextCall()
    {
        var time = new FakeTimeProvider();
        var probe = new CounterProbe();
        using var silo = new TestSilo(_folder.File("bcp.db"), time, probe, idleTimeout: TimeSpan.FromMinutes(1));
        var counter = silo.Runtime.GetGrain<ICounterGrain>("c1");
        await counter.IncrementAsync();
        Assert.AreEqual(1, silo.Runtime.ActivationCount);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.AreEqual(1, silo.Runtime.ActivationCount);
        time.Advance(TimeSpan.FromSeconds(40));

        Assert.AreEqual(0, silo.Runtime.ActivationCount);
        Assert.AreEqual(2, await counter.IncrementAsync());
        Assert.AreEqual(2, probe.Activations);
    }

    [TestMethod]
    public async Task GetGrain_UnregisteredInterface_Throws()
    {
        using var silo = new TestSilo(_folder.File("bcp.db"), TimeProvider.System, new CounterProbe());

        Assert.ThrowsExactly<InvalidOperationException>(() => silo.Runtime.GetGrain<IUnregisteredGrain>("x"));
        await Task.CompletedTask;
    }

    [TestMethod]
    public async Task GetGrain_SameKeyTwice_HandsOutOneReferenceThatStillReachesTheGrain()
    {
        var probe = new CounterProbe();
        using var silo = new TestSilo(_folder.File("bcp.db"), TimeProvider.System, probe);

        var first = silo.Runtime.GetGrain<ICounterGrain>("c1");
        var second = silo.Runtime.GetGrain<ICounterGrain>("c1");
        var other = silo.Runtime.GetGrain<ICounterGrain>("c2");
        await first.IncrementAsync();
        await second.IncrementAsync();

        Assert.AreSame(first, second);
        Assert.AreNotSame(first, other);
        Assert.AreEqual(2, await first.GetAsync());
        Assert.AreEqual(0, await other.GetAsync());
    }

    public interface IUnregisteredGrain : Orleans.Bcp.Grains.Abstractions.Runtime.IGrainWithStringKey;
}
