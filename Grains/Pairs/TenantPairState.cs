using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>The durable state of a tenant pair.</summary>
public sealed class TenantPairState
{
    public TenantRef? Primary { get; set; }

    public TenantRef? Bcp { get; set; }

    public PairRole ActiveSide { get; set; }

    public long Epoch { get; set; }

    public LastSwitch? LastSwitch { get; set; }

    /// <summary>When <see cref="LastSwitch"/> took effect on every node, once settled (written after the switch's reply).</summary>
    public SwitchEffect? LastSwitchEffect { get; set; }

    public PasskeyHash? Passkey { get; set; }

    /// <summary>Times of wrong passkeys inside the lockout window, from every caller (the pair-wide count).</summary>
    public List<DateTimeOffset> RecentFailures { get; set; } = [];

    /// <summary>When the pair-wide lock ends (wrong passkeys from several callers), if one was set.</summary>
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The sequence of the pair-wide lock's audit entry, held in the outbox while the lock is in force.</summary>
    public long? PairLockAuditSequence { get; set; }

    /// <summary>Per caller (tenant and user): wrong passkeys inside the window and the caller's lock (<see cref="CallerLockout"/>).</summary>
    public List<CallerLockout> CallerLockouts { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Two-person approval of passkey switches; null when never set (not required).</summary>
    public ApprovalSettings? Approval { get; set; }

    /// <summary>The pair's latest switch requests, oldest first (<see cref="SwitchApproval"/> keeps the list short).</summary>
    public List<PairSwitchRequest> SwitchRequests { get; set; } = [];

    /// <summary>
    /// The last audit sequence number the pair's trail handed to this pair (Grains/Audit/PairAuditGrain.cs); in releases
    /// before the trail was a grain of its own, the pair numbered the whole trail here, and the trail continues after it.
    /// </summary>
    public long AuditSequence { get; set; }

    /// <summary>
    /// The pair's own audit entries committed with this state but not yet known to be in its trail (an outbox,
    /// <see cref="PairAuditOutbox"/>): the state write is the commit point, so an attempt is audited exactly once even
    /// if the silo dies between the two writes. Also what older releases left here, appended on activation.
    /// </summary>
    public List<AuditEntry> PendingAudit { get; set; } = [];

    /// <summary>
    /// Webhook events committed with this state but not yet taken by the pair's webhooks grain (an outbox,
    /// numbered by their audit sequence): a switch is announced at least once even if the silo dies after its write.
    /// </summary>
    public List<PairEvent> PendingEvents { get; set; } = [];

    /// <summary>
    /// The status this state shows: the one home of that mapping, for the pair grain and for a silo that reads the
    /// stored state while the grain is unreachable (Silo/Freshness/StoredGrainState.cs).
    /// </summary>
    /// <param name="pairId">The pair's id (the grain's key).</param>
    /// <param name="now">A lockout that ended before this is not shown.</param>
    /// <param name="counting">The last switch's effect while its acknowledgements are still counted (only its activation knows).</param>
    public PairStatus ToStatus(string pairId, DateTimeOffset now, SwitchEffect? counting = null)
    {
        var active = ActiveSide == PairRole.Primary ? Primary! : Bcp!;
        var effect = LastSwitch is not { } last ? null
            : counting?.Epoch == last.Epoch ? counting
            : LastSwitchEffect?.Epoch == last.Epoch ? LastSwitchEffect : null;
        return new PairStatus(
            pairId, Primary!, Bcp!, ActiveSide, active.TenantId, active.AccountName, Epoch, LastSwitch, LockedUntil > now ? LockedUntil : null, CreatedAt, effect);
    }
}
