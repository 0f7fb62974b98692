using System.Security.Claims;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// A remembered token's identity, shared by every request that presents the token (<see cref="ValidatedToken.Principal"/>):
/// its claims cannot be added or removed, so no request changes the claims another one reads. <c>Clone()</c> gives a
/// copy that can be changed (the base class's).
/// </summary>
internal sealed class ReadOnlyClaimsIdentity(ClaimsIdentity validated) : ClaimsIdentity(validated)
{
    public override void AddClaim(Claim claim) => throw Refused();

    public override void AddClaims(IEnumerable<Claim?> claims) => throw Refused();

    public override void RemoveClaim(Claim? claim) => throw Refused();

    public override bool TryRemoveClaim(Claim? claim) => throw Refused();

    internal static InvalidOperationException Refused() =>
        new("A remembered token's identity is shared by its requests: change a copy of it (Clone).");
}
