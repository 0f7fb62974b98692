using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// Counts one effective switch's acknowledgements in the pair's activation (memory only: the settled record is
/// what is written). The nodes are the silos active at the commit; those not subscribed to the pair keep no copy
/// of it and read it on their next request, so they count as serving the new side from the commit.
/// </summary>
internal sealed class SwitchEffectTracker
{
    private readonly TimeProvider _timeProvider;
    private readonly DateTimeOffset _committedAt;
    private readonly long _committedTimestamp;
    private readonly int _expected;
    private readonly Dictionary<SiloAddress, string> _waiting;
    private long _lastAcknowledged;

    /// <param name="epoch">The switch's epoch.</param>
    /// <param name="auditSequence">The switch's audit entry, held back until the record is settled.</param>
    /// <param name="active">The silos active at the commit, with the names to show for them.</param>
    /// <param name="subscribed">The silos subscribed to the pair at the commit (they were pushed the switch).</param>
    /// <param name="timeProvider">The pair's clock; every time is taken on the pair's silo, so no clocks are compared.</param>
    public SwitchEffectTracker(
        long epoch, long auditSequence, IReadOnlyDictionary<SiloAddress, string> active, IReadOnlySet<SiloAddress> subscribed, TimeProvider timeProvider)
    {
        Epoch = epoch;
        AuditSequence = auditSequence;
        _timeProvider = timeProvider;
        _committedAt = timeProvider.GetUtcNow();
        _committedTimestamp = timeProvider.GetTimestamp();
        _lastAcknowledged = _committedTimestamp;
        _expected = active.Count;
        _waiting = active.Where(node => subscribed.Contains(node.Key)).ToDictionary();
    }

    public long Epoch { get; }

    public long AuditSequence { get; }

    /// <summary>The deadline's timer; moved to now once the last node acknowledged.</summary>
    public IGrainTimer? Timer { get; set; }

    public bool Complete => _waiting.Count == 0;

    /// <summary>Counts <paramref name="node"/>'s acknowledgement; true when it was the last one awaited.</summary>
    public bool Acknowledge(SiloAddress node)
    {
        if (!_waiting.Remove(node))
        {
            return false;
        }

        _lastAcknowledged = _timeProvider.GetTimestamp();
        return Complete;
    }

    /// <summary>The record as of now: settled when <paramref name="settle"/> (the deadline passed, or everyone acknowledged).</summary>
    public SwitchEffect Snapshot(bool settle)
    {
        if (!Complete)
        {
            return new SwitchEffect(Epoch, _expected, _expected - _waiting.Count, null, null,
                settle ? [.. _waiting.Values.Order(StringComparer.Ordinal)] : ImmutableList<string>.Empty);
        }

        var after = _timeProvider.GetElapsedTime(_committedTimestamp, _lastAcknowledged);
        return new SwitchEffect(Epoch, _expected, _expected, _committedAt + after, Math.Round(after.TotalMilliseconds, 1), []);
    }
}
