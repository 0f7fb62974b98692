using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The pair grain's part that records when an effective switch took effect on every node (<see cref="SwitchEffects"/>).
/// </summary>
public sealed partial class TenantPairGrain
{
    public Task AcknowledgeAsync(long epoch, SiloAddress node)
    {
        // Interleaved with a switch in progress: touches only the trackers; settling (a write) is the timer's own turn.
        _effects.Acknowledge(epoch, node);
        return Task.CompletedTask;
    }

    /// <summary>Right after a switch's commit, before its push; a timer settles the record at the deadline, or at once when complete.</summary>
    private void TrackEffect(long auditSequence)
    {
        var tracker = _effects.Track(State.Epoch, auditSequence, membership, _subscriptions.Nodes(), timeProvider);
        tracker.Timer = this.RegisterGrainTimer(
            SettleEffectAsync, tracker, tracker.Complete ? TimeSpan.Zero : SwitchEffect.Deadline, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Settles a switch's effect record in its own turn: written into the state (so status shows it after a restart),
    /// into the switch's held audit entry, and pushed (the silos' kept status shows it). Late acknowledgements change nothing.
    /// </summary>
    private async Task SettleEffectAsync(SwitchEffectTracker tracker, CancellationToken cancellationToken)
    {
        if (!_effects.Remove(tracker))
        {
            return;
        }

        tracker.Timer?.Dispose();
        var effect = tracker.Snapshot(settle: true);
        var isLast = State.LastSwitch?.Epoch == effect.Epoch;
        if (isLast)
        {
            State.LastSwitchEffect = effect;
        }

        Audit.Amend(tracker.AuditSequence, details => details.SetItems(SwitchEffectDetails.Of(effect)));
        _ = GrainFactory.GetGrain<ISwitchReportGrain>(PairId).RecordEffectAsync(effect);
        await CommitAsync(statusChanged: isLast);
    }
}
