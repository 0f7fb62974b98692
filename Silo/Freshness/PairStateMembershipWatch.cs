using Microsoft.Extensions.Hosting;

namespace Orleans.Bcp.Silo.Freshness;

/// <summary>
/// A silo that dies cannot tell the silos subscribed to its pair grains that their subscriptions ended, and
/// the pairs come back on the survivors with no subscribers. So when the cluster declares a silo dead, this
/// silo reads its kept pair states again on their next use (<see cref="PairStateCache.RenewAll"/>): that read
/// subscribes to the new activation at once instead of waiting out <see cref="PairStateOptions.MaxAge"/> (a
/// switch made there would otherwise be missed that long). Nothing is dropped: until the read succeeds, the
/// kept state is served.
/// </summary>
internal sealed class PairStateMembershipWatch(IClusterMembershipService membership, PairStateCache cache) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var dead = new HashSet<SiloAddress>();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                var newlyDead = snapshot.Members.Values.Count(member => member.Status == SiloStatus.Dead && dead.Add(member.SiloAddress));
                if (newlyDead > 0)
                {
                    cache.RenewAll();
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo is stopping.
        }
    }
}
