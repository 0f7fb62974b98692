using Orleans.Concurrency;

namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>
/// Hears of a pair's changes, as they are committed: each silo's cache of pair state is one
/// (<see cref="ITenantPairGrain.SubscribeAsync"/>). Calls are one-way, so the pair never waits for an observer.
/// </summary>
[Alias("bcp.IPairStateObserver")]
public interface IPairStateObserver : IGrainObserver
{
    /// <summary>The pair's status right after a change that alters it was written: created, switched, locked, passkey rotated.</summary>
    /// <param name="status">The status as of the change.</param>
    [OneWay, Alias("PairChanged")]
    Task PairChanged(PairStatus status);

    /// <summary>
    /// The pair's activation is going away and its subscriptions with it: an observer that wants to hear
    /// of later changes subscribes again (to the next activation), and meanwhile trusts nothing it kept.
    /// </summary>
    /// <param name="pairId">The pair's id.</param>
    [OneWay, Alias("SubscriptionEnded")]
    Task SubscriptionEnded(string pairId);
}
