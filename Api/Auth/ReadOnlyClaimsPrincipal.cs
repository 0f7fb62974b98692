using System.Security.Claims;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// The principal of a remembered token (<see cref="ValidatedToken.Principal"/>), shared by every request that presents
/// the token: one <see cref="ReadOnlyClaimsIdentity"/>, and no identity can be added. Copying the identity per request was
/// most of what a hot read allocated beyond <c>/alive</c> (docs/benchmarks.md, "What a hot read allocates").
/// </summary>
internal sealed class ReadOnlyClaimsPrincipal(ReadOnlyClaimsIdentity identity) : ClaimsPrincipal(identity)
{
    public override void AddIdentity(ClaimsIdentity identity) => throw ReadOnlyClaimsIdentity.Refused();

    public override void AddIdentities(IEnumerable<ClaimsIdentity> identities) => throw ReadOnlyClaimsIdentity.Refused();

    /// <summary>A copy that can be changed: the base class's copy would share this principal's identity.</summary>
    public override ClaimsPrincipal Clone() => new(Identities.Select(identity => identity.Clone()));
}
