using System.Security.Claims;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Api.Auth;

/// <summary>What handlers need to know about the authenticated caller.</summary>
public sealed record Caller(string UserId, string TenantId, IReadOnlySet<string> Permissions)
{
    public Actor Actor => new(UserId, TenantId);

    public bool Has(string permission) => Permissions.Contains(permission);

    public static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.FindFirstValue(Auth.Permissions.TenantClaimType) ?? "",
        user.FindAll(Auth.Permissions.ClaimType).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal));
}
