namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>
/// A username held for one user of one tenant, platform-wide. It may still be pending (its user
/// not yet written) or stale (its user gone or renamed): readers confirm it by reading the user.
/// </summary>
/// <param name="Username">The username as the user has it (trimmed, original case).</param>
/// <param name="Tenant">The tenant of the user holding it, with the region whose store holds the user.</param>
/// <param name="UserId">The id of the user holding it.</param>
/// <param name="ClaimedAt">When the claim was last made or renewed.</param>
/// <param name="ETag">The claim's version; a release only succeeds while it is unchanged.</param>
public sealed record UsernameClaim(string Username, TenantLocation Tenant, string UserId, DateTimeOffset ClaimedAt, string ETag);
