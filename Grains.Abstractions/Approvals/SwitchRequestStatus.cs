namespace Orleans.Bcp.Grains.Abstractions.Approvals;

/// <summary>Where a switch request stands.</summary>
[GenerateSerializer, Alias("bcp.SwitchRequestStatus")]
public enum SwitchRequestStatus
{
    /// <summary>Waiting for a second person.</summary>
    Pending,

    /// <summary>Approved: the switch was made.</summary>
    Approved,

    /// <summary>Declined: nothing was switched.</summary>
    Declined,

    /// <summary>The pair switched another way (an operator's switch) or approval was turned off before a decision.</summary>
    Superseded,

    /// <summary>Nobody decided within the approval window.</summary>
    Expired,
}
