namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>How many wrong passkeys a caller may still give before switching is locked for them, and a lock in force.</summary>
/// <param name="AttemptsLeft">Wrong passkeys left before a lock (0 while locked).</param>
/// <param name="LockedUntil">When the lock that refuses this caller ends, if one is in force.</param>
/// <param name="PairLocked">Whether that lock is the pair-wide one (wrong passkeys from several callers), not the caller's own.</param>
[GenerateSerializer, Immutable, Alias("bcp.SwitchAttempts")]
public sealed record SwitchAttempts(int AttemptsLeft, DateTimeOffset? LockedUntil, bool PairLocked);
