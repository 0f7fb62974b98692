using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.Tokens;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// A token that passed full validation, as <see cref="CachingTokenHandler"/> remembers it, and the authorization
/// policies it was found to satisfy (<see cref="Satisfies"/>): a token's claims never change, so neither does the
/// answer of a policy that reads only claims.
/// </summary>
internal sealed class ValidatedToken(SecurityToken securityToken, ClaimsIdentity identity, string issuer, string tokenType, DateTime expiresUtc, object keys)
{
    // Copied on write: a token meets the few policies of the hot reads once each, and is read on every request after.
    private AuthorizationPolicy[] _satisfied = [];

    public SecurityToken SecurityToken => securityToken;

    public string Issuer => issuer;

    public string TokenType => tokenType;

    public DateTime ExpiresUtc => expiresUtc;

    /// <summary>The signing key set in force when the validation started (compared by reference).</summary>
    public object Keys => keys;

    /// <summary>The caller, shared by every request that presents this token: its identity cannot be changed.</summary>
    public ClaimsPrincipal Principal { get; } = new ReadOnlyClaimsPrincipal(new ReadOnlyClaimsIdentity(identity));

    /// <summary>A copy of the validated identity that can be changed: nothing one request does to it reaches another.</summary>
    public ClaimsIdentity NewIdentity() => identity.Clone();

    public bool Satisfies(AuthorizationPolicy policy) => Array.IndexOf(Volatile.Read(ref _satisfied), policy) >= 0;

    /// <summary>Records that <paramref name="policy"/> (claims requirements only) granted this token.</summary>
    public void Satisfied(AuthorizationPolicy policy)
    {
        var known = Volatile.Read(ref _satisfied);
        if (Array.IndexOf(known, policy) < 0)
        {
            // A lost race drops one entry: the policy is evaluated again on a later request.
            Volatile.Write(ref _satisfied, [.. known, policy]);
        }
    }
}
