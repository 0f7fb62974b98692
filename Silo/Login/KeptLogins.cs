using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Login;

/// <summary>
/// The usernames one silo keeps for login options: each one's claim and user as of its tenant's users stamp
/// (<see cref="KeptEntries{TEntry}"/>), one compact <see cref="KeptLogin"/> per username, in at most the
/// configured bytes (<see cref="KeptEntriesOptions.LoginMaxBytes"/>); a tenant's location and its current stamp
/// are held once for all its users.
/// </summary>
public sealed class KeptLogins(TimeProvider timeProvider, long maxBytes)
{
    private readonly KeptEntries<KeptLogin> _entries = new(timeProvider, maxBytes);

    /// <summary>The bytes the kept usernames weigh now.</summary>
    public long Bytes => _entries.Bytes;

    public KeptLogin? ClaimOf(string key) => _entries.ClaimOf(key, out _);

    /// <summary>The entry kept for <paramref name="key"/> with its user read under <paramref name="stamp"/> for this claim (its user may be none).</summary>
    public KeptLogin? ReadUnder(string key, KeptLogin claim, string stamp) => _entries.Read(key, claim, stamp);

    /// <summary>Keeps the claim read for <paramref name="key"/>; returns the kept form, which later calls pass back.</summary>
    public KeptLogin KeepClaim(string key, UsernameClaim claim)
    {
        var kept = KeptLogin.Claimed(key, claim, _entries.SharedTenant(claim.Tenant), timeProvider.GetTimestamp());
        _entries.Keep(key, kept);
        return kept;
    }

    /// <summary>
    /// Keeps the user read under <paramref name="stamp"/> for a claim returned by <see cref="KeepClaim"/>
    /// (<paramref name="username"/> null: the user no longer carries the key); returns it, or null for none.
    /// </summary>
    public KeptLogin? KeepUser(string key, KeptLogin claim, string? username, string bcpType, string stamp)
    {
        var kept = claim.WithUser(key, username, bcpType, _entries.SharedStamp(claim.Tenant.TenantId, stamp));
        _entries.Keep(key, kept);
        return kept.HasUser ? kept : null;
    }

    public void Forget(string key) => _entries.Forget(key);
}
