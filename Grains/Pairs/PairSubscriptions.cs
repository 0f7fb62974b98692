using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Utilities;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The silos subscribed to a pair's changes (<see cref="IPairStateObserver"/>), in the pair's activation only: one
/// subscription per silo, by the silo's address (it acknowledges switches under it), held for
/// <see cref="TenantPairGrain.SubscriptionLifetime"/> unless renewed (a silo that died stops renewing and is dropped).
/// </summary>
internal sealed class PairSubscriptions(ILogger logger)
{
    private readonly ObserverManager<SiloAddress, IPairStateObserver> _observers = new(TenantPairGrain.SubscriptionLifetime, logger);

    public void Subscribe(SiloAddress node, IPairStateObserver observer) => _observers.Subscribe(node, observer);

    public void Unsubscribe(IPairStateObserver observer)
    {
        foreach (var node in _observers.Observers.Where(entry => entry.Value.Equals(observer)).Select(entry => entry.Key).ToList())
        {
            _observers.Unsubscribe(node);
        }
    }

    /// <summary>The silos subscribed now (they are pushed the next change).</summary>
    public IReadOnlySet<SiloAddress> Nodes()
    {
        _observers.ClearExpired();
        return _observers.Observers.Keys.ToHashSet();
    }

    /// <summary>Pushes <paramref name="status"/> (one-way: nothing waits for the silos).</summary>
    public Task PushAsync(PairStatus status) => _observers.Notify(observer => observer.PairChanged(status));

    /// <summary>Tells the silos their subscriptions end with this activation: the next one would push to nobody until they renew.</summary>
    public Task EndAsync(string pairId) => _observers.Notify(observer => observer.SubscriptionEnded(pairId));
}
