using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;

namespace Orleans.Bcp.Api.OpenApi;

/// <summary>
/// Who may call an endpoint, read from its authorization metadata and the policies it names — the
/// same policies the server enforces, so the document cannot drift from them.
/// </summary>
/// <param name="Anonymous">No token needed.</param>
/// <param name="Permissions">The permissions any one of which grants the request; empty when any valid token does.</param>
/// <param name="NeedsTenant">The token must name a tenant (claim <c>tenant</c>).</param>
internal sealed record EndpointAccess(bool Anonymous, IReadOnlyList<string> Permissions, bool NeedsTenant)
{
    public static async Task<EndpointAccess> OfAsync(IReadOnlyList<object> metadata, IAuthorizationPolicyProvider policies)
    {
        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        var inline = metadata.OfType<AuthorizationPolicy>().ToList();
        // The fallback policy is null (AddBcpAuth): an endpoint that asks for nothing is open.
        if (metadata.OfType<IAllowAnonymous>().Any() || (authorize.Count == 0 && inline.Count == 0))
        {
            return new EndpointAccess(true, [], false);
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, authorize, inline)
            ?? throw new InvalidOperationException("An endpoint asks for authorization but names no policy.");
        var claims = policy.Requirements.OfType<ClaimsAuthorizationRequirement>().ToList();
        var permissions = claims.Where(claim => claim.ClaimType == Http.Permissions.ClaimType).ToList();
        if (permissions.Count > 1)
        {
            // "perm a AND perm b" has no place in x-permissions (a list of alternatives); say so rather than document it wrong.
            throw new InvalidOperationException("An endpoint needs two permissions at once; the document can say one of several only.");
        }

        return new EndpointAccess(
            false,
            [.. permissions.SingleOrDefault()?.AllowedValues ?? []],
            claims.Any(claim => claim.ClaimType == Http.Permissions.TenantClaimType));
    }

    /// <summary>The sentence the operation's description ends with.</summary>
    public string Sentence => (Anonymous, Permissions) switch
    {
        (true, _) => "No token needed.",
        (false, []) => "Any valid token; what the caller sees is limited to its own tenant (and its pair).",
        (false, [var one]) => $"Needs the permission `{one}`.",
        _ => $"Needs one of the permissions {string.Join(", ", Permissions.Select(permission => $"`{permission}`"))}.",
    };
}
