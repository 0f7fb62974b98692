using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Silo.Diagnostics;
using Orleans.Bcp.Silo.Failback;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Readiness;
using Orleans.Bcp.Silo.SwitchReports;

namespace Orleans.Bcp.Silo.Pairs;

/// <summary>
/// Switches a pair's active side. The pair grain decides (TenantPairGrain: the passkey, or an operator's reason,
/// and the lockout); around its call, this joins the readiness report to the switch, has this node answer with the
/// new state, and counts and logs the attempt.
/// </summary>
public sealed class PairSwitcher(IGrainFactory grains, PairStateCache pairs, PairReadiness readiness, FailbackCount failback, SwitchPriority priority,
    IOptions<ReadinessOptions> options, BcpMetrics metrics, ILogger<PairSwitcher> logger, SwitchReportRecorder reports)
{
    /// <param name="pair">The pair as this node keeps it (the caller has been found to see it).</param>
    /// <param name="side">The side to make active.</param>
    /// <param name="passkey">The pair's passkey, or null for an operator's reasoned switch.</param>
    /// <param name="reason">An operator's reason when no passkey is given.</param>
    /// <param name="actor">Who switches.</param>
    /// <param name="byOperator">Whether the caller is an operator.</param>
    /// <remarks>
    /// Under way from here on this node, not only in the pair grain (which may live on another node): background work
    /// waits for it (Grains/Pairs/SwitchPriority.cs).
    /// </remarks>
    public Task<PairSwitchResult> SwitchAsync(PairStatus pair, PairRole side, string? passkey, string? reason, Actor actor, bool byOperator) =>
        priority.WhileUnderWayAsync(() => SwitchUnderWayAsync(pair, side, passkey, reason, actor, byOperator));

    private async Task<PairSwitchResult> SwitchUnderWayAsync(PairStatus pair, PairRole side, string? passkey, string? reason, Actor actor, bool byOperator)
    {
        var requestedAt = reports.Now();
        // Never blocks the switch: the failing checks and, on a return, the BCP changes the first sync overwrites, if known in
        // time, go into its answer and audit entry.
        var overwritesTask = OverwritesBcpChangesAsync(pair, side);
        var failing = await readiness.FailingChecksAsync(pair, side, options.Value.SwitchWait);
        var notReady = failing is { Count: > 0 } ? failing : null;
        var overwrites = await overwritesTask;
        var result = await grains.GetGrain<ITenantPairGrain>(pair.PairId)
            .SwitchAsync(new SwitchCommand(side, passkey, reason, actor, notReady is null ? null : [.. notReady], byOperator, overwrites));
        if (result.Status is { } status)
        {
            // The pair pushes the change to every silo; this one answers with it before its answer goes out.
            pairs.Remember(status);
            if (result.Outcome == SwitchOutcome.Switched)
            {
                reports.Switched(status, requestedAt);
            }
        }

        Record(result);
        SwitchLog.Attempted(logger, pair.PairId, side, actor, result);
        return new PairSwitchResult(result, notReady, result.Outcome == SwitchOutcome.Switched ? overwrites : null);
    }

    /// <summary>
    /// Asked only on a return to the primary; null when the count is not there within the switch's wait, and while other
    /// switches are under way on this node (a storm of returns: their writes come first, as for readiness).
    /// </summary>
    private async Task<int?> OverwritesBcpChangesAsync(PairStatus pair, PairRole side)
    {
        if (side != PairRole.Primary || pair.ActiveSide != PairRole.Bcp || priority.OthersUnderWay)
        {
            return null;
        }

        try
        {
            // Each of its reads is bounded and turned into a missing count, so an abandoned count fails nobody.
            return await failback.OverwritesBcpChangesAsync(pair).WaitAsync(options.Value.SwitchWait);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private void Record(SwitchResult result)
    {
        metrics.SwitchAttempted(result.Outcome switch
        {
            SwitchOutcome.Switched => "switched",
            SwitchOutcome.AlreadyActive => "already-active",
            SwitchOutcome.PasskeyInvalid => "passkey-invalid",
            SwitchOutcome.LockedOut => "locked-out",
            SwitchOutcome.ApprovalRequested => "approval-requested",
            SwitchOutcome.RequestPending => "request-pending",
            _ => "not-found",
        });

        if (result.Locked)
        {
            metrics.PairLocked();
        }
    }
}
