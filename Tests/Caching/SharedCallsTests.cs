using Microsoft.Extensions.Time.Testing;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Tests.Caching;

/// <summary>The one single-flight every shared read goes through: callers share a running call, within the age a freshness rule allows.</summary>
[TestClass]
public sealed class SharedCallsTests
{
    [TestMethod]
    public async Task ConcurrentCallers_ShareOneCall_AndTheNextCallerAfterItEndedMakesANewOne()
    {
        var calls = new SharedCalls<string, int>(TimeProvider.System, Timeout.InfiniteTimeSpan);
        var started = 0;
        var release = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 20).Select(caller => calls.RunAsync("k", _ =>
        {
            Interlocked.Increment(ref started);
            return release.Task;
        })).ToArray();
        release.SetResult(7);

        CollectionAssert.AreEqual(Enumerable.Repeat(7, 20).ToArray(), await Task.WhenAll(callers));
        Assert.AreEqual(1, started);
        Assert.AreEqual(8, await calls.RunAsync("k", _ => Task.FromResult(8)), "an ended call is not kept without keepFor");
    }

    [TestMethod]
    public async Task AFailedCall_IsNotJoinedAgain()
    {
        var time = new FakeTimeProvider();
        var calls = new SharedCalls<string, int>(time, TimeSpan.FromSeconds(5), keepFor: TimeSpan.FromSeconds(5));

        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => calls.RunAsync("k", _ => Task.FromException<int>(new InvalidOperationException())));

        Assert.AreEqual(3, await calls.RunAsync("k", _ => Task.FromResult(3)));
    }

    [TestMethod]
    public async Task AKeptResult_IsHandedOutForKeepFor_AndForgetEndsThatAtOnce()
    {
        var time = new FakeTimeProvider();
        var calls = new SharedCalls<string, int>(time, TimeSpan.FromSeconds(5), keepFor: TimeSpan.FromSeconds(5));
        Assert.AreEqual(1, await calls.RunAsync("k", _ => Task.FromResult(1)));

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.AreEqual(1, await calls.RunAsync("k", _ => Task.FromResult(2)));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(3, await calls.RunAsync("k", _ => Task.FromResult(3)), "5 s old: counted again");

        calls.Forget("k");
        Assert.AreEqual(4, await calls.RunAsync("k", _ => Task.FromResult(4)));
    }

    [TestMethod]
    public async Task ACallOlderThanJoinWithin_IsNotJoined_SoAFreshnessRuleHolds()
    {
        var time = new FakeTimeProvider();
        var calls = new SharedCalls<string, int>(time, TimeSpan.FromMilliseconds(500));
        var slow = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = calls.RunAsync("k", _ => slow.Task);

        time.Advance(TimeSpan.FromMilliseconds(499));
        Assert.AreSame(first, calls.RunAsync("k", _ => Task.FromResult(2)));

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.AreEqual(2, await calls.RunAsync("k", _ => Task.FromResult(2)), "a read begun 500 ms ago may predate a change");

        slow.SetResult(1);
        Assert.AreEqual(1, await first);
    }
}
