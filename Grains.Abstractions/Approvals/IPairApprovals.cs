using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Abstractions.Approvals;

/// <summary>
/// Two-person approval of a pair's passkey switches, kept by the pair grain (the same activation and state as
/// <see cref="ITenantPairGrain"/>, so a request and the switch it becomes are one commit). Key: pair id.
/// </summary>
[Alias("bcp.IPairApprovals")]
public interface IPairApprovals : IGrainWithStringKey
{
    /// <summary>The pair's approval settings; null when the pair does not exist.</summary>
    [Alias("GetApprovalAsync")]
    Task<ApprovalSettings?> GetApprovalAsync();

    /// <summary>Sets them (audited as <c>approval-settings</c>, announced as <c>approval.changed</c>); null when the pair does not exist.</summary>
    [Alias("SetApprovalAsync")]
    Task<ApprovalSettings?> SetApprovalAsync(ApprovalSettings settings, Actor actor);

    /// <summary>The pair's newest switch request as it stands now, whatever its status; null when there is none.</summary>
    [Alias("GetLatestSwitchRequestAsync")]
    Task<PairSwitchRequest?> GetLatestSwitchRequestAsync();

    /// <summary>A switch request as it stands now; null when there is none with that id.</summary>
    [Alias("GetSwitchRequestAsync")]
    Task<PairSwitchRequest?> GetSwitchRequestAsync(string requestId);

    /// <summary>A second person approves: the pair switches as the request asked, in the grain's switch path.</summary>
    [Alias("ApproveAsync")]
    Task<SwitchDecision> ApproveAsync(string requestId, Actor approver);

    /// <summary>Someone declines: nothing switches.</summary>
    [Alias("DeclineAsync")]
    Task<SwitchDecision> DeclineAsync(string requestId, Actor decider);
}
