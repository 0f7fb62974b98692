namespace Orleans.Bcp.Grains.Abstractions.Approvals;

/// <summary>How an approval or a decline of a switch request ended.</summary>
[GenerateSerializer, Alias("bcp.SwitchDecisionOutcome")]
public enum SwitchDecisionOutcome
{
    /// <summary>Approved: the switch was made (or declined, for a decline).</summary>
    Done,

    /// <summary>The requester tried to approve their own request.</summary>
    SelfApproval,

    /// <summary>The request is no longer pending (its status says why).</summary>
    NotPending,

    /// <summary>No such request, or no such pair.</summary>
    NotFound,
}
