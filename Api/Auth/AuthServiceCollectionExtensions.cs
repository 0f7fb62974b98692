using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Auth;

/// <summary>JWT bearer validation and one policy per permission.</summary>
public static class AuthServiceCollectionExtensions
{
    public static WebApplicationBuilder AddBcpAuth(this WebApplicationBuilder builder)
    {
        var options = AuthOptions.Read(builder.Configuration);
        var development = builder.Environment.IsDevelopment();
        // At start a bad key stops the host; later reloads are read by SigningKeySet.
        if (SigningKeySet.Configured(options, development).Count == 0 && string.IsNullOrEmpty(options.Authority))
        {
            throw new InvalidOperationException(
                "No token signing key is configured: set Auth:Authority or Auth:SigningKeys (Auth:DevelopmentSigningKey counts only in Development).");
        }

        builder.Services.AddSingleton(services => new SigningKeySet(
            services.GetRequiredService<IConfiguration>(), development, services.GetRequiredService<ILogger<SigningKeySet>>()));
        // One per host: the JWT handler remembers validations in it, the hot reads (Api/Hosting/HotReads.cs) look tokens up in it.
        builder.Services.AddSingleton(services =>
        {
            var signing = services.GetRequiredService<SigningKeySet>();
            return new CachingTokenHandler(new JsonWebTokenHandler { MapInboundClaims = false }, options.ValidatedTokenCacheSize, () => signing.Current);
        });
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<SigningKeySet, CachingTokenHandler>((jwt, signing, tokens) =>
        {
            jwt.MapInboundClaims = false;
            // Nothing reads the raw token back from the authentication properties; storing it costs every request.
            jwt.SaveToken = false;
            jwt.TokenHandlers.Clear();
            jwt.TokenHandlers.Add(tokens);
            jwt.Events = new JwtBearerEvents { OnMessageReceived = context => RememberedToken.TryAccept(context, tokens) };
            jwt.Authority = options.Authority;
            jwt.RequireHttpsMetadata = !development;
            jwt.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = options.Issuer,
                ValidAudience = options.Audience,
                // The keys configured now, and an authority's published keys (which the handler passes in either way).
                IssuerSigningKeyResolverUsingConfiguration = (_, _, _, parameters, configuration) =>
                    [.. signing.Current, .. parameters.IssuerSigningKeys ?? [], .. configuration?.SigningKeys ?? []],
                ValidateIssuerSigningKey = true,
                RequireSignedTokens = true,
                RequireExpirationTime = true,
                ClockSkew = TimeSpan.FromSeconds(30),
                NameClaimType = "sub",
            };
        });

        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
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
