namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// Misuse protection of the switch: a caller (tenant and user) with 5 wrong passkeys in 15 minutes is locked for
/// 15 minutes; the pair as a whole only at 25 in 15 minutes. A caller gives at most 5 in a window (then it is
/// locked, and refused attempts are not checked), so a pair-wide lock takes wrong passkeys from several callers.
/// A 160-bit passkey cannot be guessed: the lock is against misuse, and must not let one caller lock out the others.
/// </summary>
internal static class LockoutPolicy
{
    public const int CallerThreshold = 5;

    public const int PairThreshold = 25;

    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    public static readonly TimeSpan Duration = TimeSpan.FromMinutes(15);
}
