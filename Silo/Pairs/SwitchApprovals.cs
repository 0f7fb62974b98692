using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Diagnostics;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.SwitchReports;

namespace Orleans.Bcp.Silo.Pairs;

/// <summary>
/// Approves a pending switch request (the pair grain decides and switches, Grains/Pairs/TenantPairGrain.Approval.cs);
/// as <see cref="PairSwitcher"/> does for a switch, this node answers with the new state, and counts and logs it.
/// </summary>
public sealed class SwitchApprovals(IGrainFactory grains, PairStateCache pairs, BcpMetrics metrics, ILogger<SwitchApprovals> logger, SwitchReportRecorder reports)
{
    public async Task<SwitchDecision> ApproveAsync(string pairId, string requestId, Actor approver)
    {
        var decision = await grains.GetGrain<IPairApprovals>(pairId).ApproveAsync(requestId, approver);
        if (decision is { Switch: { Status: { } status } result, Request: { } request })
        {
            pairs.Remember(status);
            // The switch's report counts from the request, so the time waiting for the second person is in it.
            reports.Switched(status, request.RequestedAt, request.DecidedAt ?? status.LastSwitch?.At);
            metrics.SwitchAttempted("switched");
            SwitchLog.Attempted(logger, pairId, request.Side, approver, result);
        }

        return decision;
    }
}
