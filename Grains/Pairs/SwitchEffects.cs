using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The effective switches whose acknowledgements the pair's activation still counts, by epoch
/// (<see cref="SwitchEffectTracker"/>). Part of the pair grain, not a grain of its own: acknowledgements interleave
/// with a switch in progress and its settle is a write of the pair's state, both in the pair's activation.
/// </summary>
internal sealed class SwitchEffects
{
    private readonly Dictionary<long, SwitchEffectTracker> _trackers = [];

    /// <summary>
    /// Starts counting right after a switch's commit, before its push: the nodes are the silos active now; those in
    /// <paramref name="subscribed"/> are pushed the switch and acknowledge it.
    /// </summary>
    public SwitchEffectTracker Track(long epoch, long auditSequence, IClusterMembershipService membership, IReadOnlySet<SiloAddress> subscribed, TimeProvider timeProvider)
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .ToDictionary(member => member.SiloAddress, member => $"{member.Name} ({member.SiloAddress.Endpoint})");
        var tracker = new SwitchEffectTracker(epoch, auditSequence, active, subscribed, timeProvider);
        _trackers[epoch] = tracker;
        return tracker;
    }

    /// <summary>Counts <paramref name="node"/> for every switch up to <paramref name="epoch"/>; a tracker complete now is settled at once.</summary>
    public void Acknowledge(long epoch, SiloAddress node)
    {
        foreach (var tracker in _trackers.Values.Where(tracker => tracker.Epoch <= epoch))
        {
            if (tracker.Acknowledge(node))
            {
                tracker.Timer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }
    }

    /// <summary>Stops counting <paramref name="tracker"/>; false when it was settled already.</summary>
    public bool Remove(SwitchEffectTracker tracker) => _trackers.Remove(tracker.Epoch);

    /// <summary>Whether the audit entry <paramref name="sequence"/> is a switch's still waiting for its effect record.</summary>
    public bool HoldsEntry(long sequence) => _trackers.Values.Any(tracker => tracker.AuditSequence == sequence);

    /// <summary>The record of <paramref name="last"/> as of now while it is still counted, else null.</summary>
    public SwitchEffect? Counting(LastSwitch? last) =>
        last is not null && _trackers.TryGetValue(last.Epoch, out var tracker) ? tracker.Snapshot(settle: false) : null;
}
