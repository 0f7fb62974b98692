using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Login;

/// <summary>Where a user may log in now (docs/api.md).</summary>
/// <param name="Username">The username as stored.</param>
/// <param name="UserId">The user's id in their own (primary) tenant.</param>
/// <param name="BcpType">none, single or multiple — read from the primary user.</param>
/// <param name="Mode">Direct, selector or denied.</param>
/// <param name="Target">For <see cref="LoginMode.Direct"/>: the tenant to log in to.</param>
/// <param name="Tenants">The tenants offered: both for a selector, the target for direct, none when denied.</param>
/// <param name="PairId">The pair of the user's tenant, if any.</param>
/// <param name="ActiveSide">The pair's active side, if in a pair.</param>
/// <param name="Epoch">The pair's epoch: a session opened under an older epoch is stale.</param>
[GenerateSerializer, Immutable, Alias("bcp.LoginOptions")]
public sealed record LoginOptions(
    string Username,
    string UserId,
    string BcpType,
    LoginMode Mode,
    LoginTenant? Target,
    ImmutableList<LoginTenant> Tenants,
    string? PairId,
    PairRole? ActiveSide,
    long? Epoch);
