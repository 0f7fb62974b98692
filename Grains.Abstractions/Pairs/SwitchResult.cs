namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>The outcome of a switch request and the pair's status after it.</summary>
/// <param name="Outcome">How the request ended.</param>
/// <param name="Status">The pair's status after the request (null when the pair does not exist).</param>
/// <param name="LockedUntil">When the lock that refuses this caller ends, if one is in force (set on the wrong passkey that locked it).</param>
/// <param name="Attempts">On a wrong or refused passkey: the caller's wrong passkeys left and the lock in force.</param>
/// <param name="Locked">Whether this attempt set a lock (its wrong passkey was the last one allowed).</param>
/// <param name="Request">When the pair needs approval: the switch request made, or the one pending.</param>
[GenerateSerializer, Immutable, Alias("bcp.SwitchResult")]
public sealed record SwitchResult(SwitchOutcome Outcome, PairStatus? Status, DateTimeOffset? LockedUntil, SwitchAttempts? Attempts = null, bool Locked = false, Approvals.PairSwitchRequest? Request = null);
