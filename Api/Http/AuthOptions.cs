namespace Orleans.Bcp.Api.Http;

/// <summary>Section <c>Auth</c>: how bearer tokens are validated.</summary>
public sealed class AuthOptions
{
    /// <summary>
    /// The section as the configuration holds it now: read at start, by the token command, and again when the
    /// configuration reloads (signing keys may change while the node runs).
    /// </summary>
    public static AuthOptions Read(IConfiguration configuration) => configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();

    public string Issuer { get; set; } = "orleans-bcp";

    public string Audience { get; set; } = "orleans-bcp";

    /// <summary>An OpenID Connect authority whose published keys sign tokens (production).</summary>
    public string? Authority { get; set; }

    /// <summary>Base64 HMAC-SHA256 keys that sign tokens (production without an authority).</summary>
    public List<string> SigningKeys { get; set; } = [];

    /// <summary>Base64 key for the <c>token</c> command; honoured only in the Development environment.</summary>
    public string? DevelopmentSigningKey { get; set; }

    /// <summary>
    /// How many successfully validated tokens are remembered until they expire, so a client's repeated
    /// requests skip full validation (see <c>Api/Auth/CachingTokenHandler.cs</c>); 0 turns it off.
    /// </summary>
    public int ValidatedTokenCacheSize { get; set; } = 10_000;
}
