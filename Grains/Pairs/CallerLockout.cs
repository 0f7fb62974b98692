namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// One caller's wrong passkeys inside the lockout window and its lock, if any (part of the pair state; a caller
/// with no wrong passkey in the window and no lock in force is dropped, so the list stays short).
/// </summary>
public sealed class CallerLockout
{
    public string TenantId { get; set; } = "";

    public string UserId { get; set; } = "";

    /// <summary>Times of this caller's wrong passkeys inside the window.</summary>
    public List<DateTimeOffset> Failures { get; set; } = [];

    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>The sequence of the lock's audit entry, held in the outbox while the lock is in force (refused attempts are counted into it).</summary>
    public long? LockAuditSequence { get; set; }
}
