namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>The outcome of a switch request and the pair's status after it.</summary>
/// <param name="Outcome">How the request ended.</param>
/// <param name="Status">The pair's status after the request (null when the pair does not exist).</param>
/// <param name="LockedUntil">When a lockout ends, if switching is locked.</param>
[GenerateSerializer, Immutable, Alias("bcp.SwitchResult")]
public sealed record SwitchResult(SwitchOutcome Outcome, PairStatus? Status, DateTimeOffset? LockedUntil);
