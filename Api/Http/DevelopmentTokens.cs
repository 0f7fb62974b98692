using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orleans.Bcp.Api.Http;

/// <summary>Mints bearer tokens with a configured key (the <c>token</c> command, tests, benchmarks).</summary>
public static class DevelopmentTokens
{
    /// <summary>The Auth options when this is Development with a development signing key, else null.</summary>
    public static AuthOptions? DevelopmentKey(WebApplicationBuilder builder)
    {
        var options = AuthOptions.Read(builder.Configuration);
        return builder.Environment.IsDevelopment() && !string.IsNullOrEmpty(options.DevelopmentSigningKey) ? options : null;
    }

    public static string Mint(AuthOptions options, string signingKeyBase64, string userId, string tenantId, IEnumerable<string> permissions, TimeSpan lifetime)
    {
        var claims = new List<Claim> { new("sub", userId), new(Permissions.TenantClaimType, tenantId) };
        claims.AddRange(permissions.Select(permission => new Claim(Permissions.ClaimType, permission)));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            SigningCredentials = new SigningCredentials(SigningKeys.FromBase64(signingKeyBase64), SecurityAlgorithms.HmacSha256),
        });
    }
}
