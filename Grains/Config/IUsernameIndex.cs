using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// Platform-wide, case-insensitive uniqueness of usernames: one claim per username in the control
/// store, naming the tenant and user that hold it. Writers of users claim before writing the user
/// and release after renaming or deleting it.
/// </summary>
/// <remarks>
/// Only users written through the configuration API claim names. The sync engine writes the BCP
/// copies of users directly (through <see cref="ITenantConfiguration"/>) with the primary's
/// username, on purpose: the index holds the primary user's claim only, and the login service maps
/// a username to the BCP copy through the pair's correlations.
/// </remarks>
public interface IUsernameIndex
{
    /// <summary>
    /// Claims <paramref name="username"/> for the user. A claim held by another user is taken over
    /// only when it is stale: older than a grace period and its user gone or no longer carrying the
    /// username (a writer that crashed between claiming and writing, or a rename whose release was lost).
    /// </summary>
    Task<UsernameClaimResult> ClaimAsync(string username, TenantLocation tenant, string userId);

    /// <summary>Gives the claim up if it is unchanged since <paramref name="claim"/> was read; false when it changed or is gone.</summary>
    Task<bool> ReleaseAsync(UsernameClaim claim);

    /// <summary>
    /// The claim on <paramref name="username"/> (case-insensitive), or null. It may be pending or
    /// stale: read the user it names and check that the user carries the username.
    /// </summary>
    Task<UsernameClaim?> FindAsync(string username);
}
