using System.Diagnostics;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Api.Health;

/// <summary>
/// Pings each store for <c>/health</c> at most once a second per node, however many callers ask: a probe younger than
/// <see cref="MaxAge"/> is reused and a probe in flight is shared, so anonymous callers cannot load the stores.
/// </summary>
public sealed class HealthProbe(IObjectStoreProvider stores)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);

    private readonly Lock _lock = new();
    private Task<HealthReport>? _latest;
    private long _latestStartedAt;

    /// <summary>The latest report, from a probe started less than <see cref="MaxAge"/> ago or still running.</summary>
    public Task<HealthReport> ReportAsync(CancellationToken cancellationToken)
    {
        Task<HealthReport> probe;
        lock (_lock)
        {
            if (_latest is null || (_latest.IsCompleted && Stopwatch.GetElapsedTime(_latestStartedAt) >= MaxAge))
            {
                _latestStartedAt = Stopwatch.GetTimestamp();
                // Not bound to this caller's request: the others share the probe even if this one goes away.
                _latest = Task.Run(ProbeAsync, CancellationToken.None);
            }

            probe = _latest;
        }

        return probe.WaitAsync(cancellationToken);
    }

    private async Task<HealthReport> ProbeAsync()
    {
        var checks = await Task.WhenAll(stores.All.Select(async entry => (entry.Name, entry.Store, Reachable: await PingAsync(entry.Store))));
        // Without the control store a node can do nothing useful; without one region's store it still
        // switches pairs and serves the other region, so it must stay in the load balancer (degraded).
        var control = stores.Get(StorageNames.Control);
        var controlReachable = checks.Where(check => check.Store == control).All(check => check.Reachable);
        // A region sharing the default store still works, but not as configured (its data is not where the operator put
        // the other regions'): degraded, so it is seen, while the node stays in the load balancer.
        var warnings = stores.RegionsSharingDefault
            .Select(region => $"Region {region} has no store of its own; it shares the default store.").ToList();
        var status = !controlReachable ? "unhealthy" : checks.All(check => check.Reachable) && warnings.Count == 0 ? "healthy" : "degraded";
        return new HealthReport(status, checks.ToDictionary(check => check.Name, check => check.Reachable ? "reachable" : "unreachable"), warnings);
    }

    private static async Task<bool> PingAsync(IObjectStore store)
    {
        using var timeout = new CancellationTokenSource(PingTimeout);
        try
        {
            // WaitAsync too: a store that ignores the token must not hold every caller's answer.
            return await store.PingAsync(timeout.Token).WaitAsync(PingTimeout);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            return false;
        }
    }
}
