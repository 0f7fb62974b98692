using System.Collections.Concurrent;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Login;

/// <summary>
/// The usernames one silo keeps for login options: each one's claim and user as of its tenant's
/// users stamp (<see cref="KeptEntries{TClaim, TValue}"/>), stored compactly — a tenant's location is
/// shared by all its users and a username is held once when claim, user and key spell it alike —
/// because 100 pairs × 10,000 users are a million entries.
/// </summary>
public sealed class KeptLogins(TimeProvider timeProvider, int capacity)
{
    private readonly KeptEntries<UsernameClaim, LoginUser> _entries = new(timeProvider, capacity);
    private readonly ConcurrentDictionary<string, TenantLocation> _tenants = new(StringComparer.Ordinal);

    public UsernameClaim? ClaimOf(string key) => _entries.ClaimOf(key);

    public bool TryGetUser(string key, UsernameClaim claim, string stamp, out LoginUser? user) => _entries.TryGetValue(key, claim, stamp, out user);

    /// <summary>Keeps the claim read for <paramref name="key"/>; returns the kept form, which later calls must pass back.</summary>
    public UsernameClaim KeepClaim(string key, UsernameClaim claim)
    {
        var tenant = _tenants.GetOrAdd(claim.Tenant.TenantId, claim.Tenant);
        var kept = claim with { Username = SameOrOwn(key, claim.Username), Tenant = tenant == claim.Tenant ? tenant : claim.Tenant };
        _entries.KeepClaim(key, kept);
        return kept;
    }

    /// <summary>Keeps the user read under <paramref name="stamp"/> for a claim returned by <see cref="KeepClaim"/>.</summary>
    public void KeepUser(string key, UsernameClaim claim, LoginUser? user, string stamp) =>
        _entries.KeepValue(key, claim, user is null ? null : user with { Username = SameOrOwn(claim.Username, user.Username), Tenant = claim.Tenant }, stamp);

    public void Forget(string key) => _entries.Forget(key);

    private static string SameOrOwn(string shared, string own) => string.Equals(shared, own, StringComparison.Ordinal) ? shared : own;
}
