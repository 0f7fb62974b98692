namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>How a switch request ended.</summary>
[GenerateSerializer, Alias("bcp.SwitchOutcome")]
public enum SwitchOutcome
{
    /// <summary>The active side changed; the epoch went up by one.</summary>
    Switched,

    /// <summary>The asked-for side was already active; nothing changed.</summary>
    AlreadyActive,

    /// <summary>The passkey was wrong.</summary>
    PasskeyInvalid,

    /// <summary>Too many wrong passkeys: switching is locked for this caller, or for the pair, until <see cref="SwitchResult.LockedUntil"/>.</summary>
    LockedOut,

    /// <summary>The pair does not exist.</summary>
    PairNotFound,

    /// <summary>The pair needs a second person's approval: a switch request was made (<see cref="SwitchResult.Request"/>), nothing switched.</summary>
    ApprovalRequested,

    /// <summary>The pair needs approval and a switch request is pending already (<see cref="SwitchResult.Request"/>); nothing changed.</summary>
    RequestPending,
}
