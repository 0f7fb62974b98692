using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// The signed-in caller's standing at the switch: wrong passkeys left before switching is locked for them, or the
/// lock in force and whether it is their own (<c>caller</c>) or the pair's (<c>pair</c>, wrong passkeys from several callers).
/// </summary>
/// <param name="AttemptsLeft">Wrong passkeys left (0 while locked).</param>
/// <param name="LockedUntil">When the lock ends, if one refuses this caller.</param>
/// <param name="LockScope"><c>caller</c> or <c>pair</c>, while locked.</param>
public sealed record SwitchAttemptsDocument(
    int AttemptsLeft,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? LockedUntil,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? LockScope)
{
    public static SwitchAttemptsDocument From(SwitchAttempts attempts) =>
        new(attempts.AttemptsLeft, attempts.LockedUntil, ScopeOf(attempts));

    /// <summary>The problem extension's value: which lock refuses the caller, if any.</summary>
    public static string? ScopeOf(SwitchAttempts attempts) =>
        attempts.LockedUntil is null ? null : attempts.PairLocked ? "pair" : "caller";
}
