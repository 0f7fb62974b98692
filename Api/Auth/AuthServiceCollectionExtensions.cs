using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Orleans.Bcp.Api.Auth;

/// <summary>JWT bearer validation and one policy per permission.</summary>
public static class AuthServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBcpAuth(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        var keys = options.SigningKeys.Select(SigningKeys.FromBase64).ToList();
        // The development key is a convenience for `token`; it must never open a production API.
        if (builder.Environment.IsDevelopment() && options.DevelopmentSigningKey is { Length: > 0 } developmentKey)
        {
            keys.Add(SigningKeys.FromBase64(developmentKey));
        }

        if (keys.Count == 0 && string.IsNullOrEmpty(options.Authority))
        {
            throw new InvalidOperationException(
                "No token signing key is configured: set Auth:Authority or Auth:SigningKeys (Auth:DevelopmentSigningKey counts only in Development).");
        }

        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(jwt =>
        {
            jwt.MapInboundClaims = false;
            // Nothing reads the raw token back from the authentication properties; storing it costs every request.
            jwt.SaveToken = false;
            var tokens = new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, options.ValidatedTokenCacheSize);
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(tokens);
            jwt.Events = new JwtBearerEvents { OnMessageReceived = context => RememberedToken.TryAccept(context, tokens) };
            jwt.Authority = options.Authority;
            jwt.RequireHttpsMetadata = !builder.Environment.IsDevelopment();
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                IssuerSigningKeys = keys,
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
            };
        });

        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(null)
            .AddPolicy(Permissions.SwitchPolicy, policy => policy.RequireAuthenticatedUser()
                .RequireClaim(Permissions.ClaimType, Permissions.ActivationEdit, Permissions.Setup));
        foreach (var permission in Permissions.All)
        {
            builder.Services.AddAuthorizationBuilder().AddPolicy(permission, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(Permissions.TenantClaimType)
                .RequireClaim(Permissions.ClaimType, permission));
        }

        return builder;
    }
}
