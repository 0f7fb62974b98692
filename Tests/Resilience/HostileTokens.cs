using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Credentials that must be refused (401): bogus schemes, expired, not yet valid, tampered, unsigned
/// ("alg": "none"), signed with another key, for another issuer or audience, malformed. Tokens are
/// built by hand, because a token library refuses to make most of them.
/// </summary>
public static class HostileTokens
{
    private static readonly byte[] TestKey = Convert.FromBase64String(ApiHost.SigningKey);

    public static IReadOnlyList<AuthAbuse> For(string tenantId, string validToken)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        JsonObject Claims(long exp, long nbf, string issuer = "orleans-bcp", string audience = "orleans-bcp") => new()
        {
            ["iss"] = issuer, ["aud"] = audience, ["sub"] = "fuzz-admin", ["tenant"] = tenantId,
            ["perm"] = new JsonArray([.. Permissions.All.Select(permission => (JsonNode)permission)]),
            ["iat"] = nbf, ["nbf"] = nbf, ["exp"] = exp,
        };
        var hs256 = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var valid = Claims(now + 3600, now - 60);
        var otherKey = RandomNumberGenerator.GetBytes(32);
        var parts = validToken.Split('.');
        var elevated = Claims(now + 3600, now - 60);
        elevated["tenant"] = "ops";
        var noExpiry = Claims(now + 3600, now - 60);
        noExpiry.Remove("exp");
        var stringExpiry = Claims(now + 3600, now - 60);
        stringExpiry["exp"] = "never";

        string Bearer(string token) => "Bearer " + token;
        AuthAbuse One(string label, string header) => new(label, [header]);
        return
        [
            new("none", []),
            One("scheme-basic", "Basic ZnV6ejpmdXp6"),
            One("scheme-digest", "Digest username=\"fuzz\", realm=\"x\", nonce=\"1\", uri=\"/\", response=\"0\""),
            One("scheme-negotiate", "Negotiate YIIGhgYGKwYBBQUCoIIGejCCBnag"),
            One("scheme-ntlm", "NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAGAbEdAAAADw=="),
            One("scheme-only", "Bearer"),
            One("scheme-blank-token", "Bearer    "),
            One("token-without-scheme", validToken),
            One("scheme-tab-separator", "Bearer\t" + validToken),
            One("scheme-twice", "Bearer Bearer " + validToken),
            One("token-with-trailing-words", Bearer(validToken + " extra")),
            One("garbage", Bearer("garbage")),
            One("three-dots", Bearer("...")),
            One("two-parts", Bearer(parts[0] + "." + parts[1])),
            One("four-parts", Bearer(validToken + ".AAAA")),
            One("jwe-shaped", Bearer("eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.AAAA.AAAA.AAAA.AAAA")),
            One("bad-base64", Bearer("!!!.$$$.%%%")),
            One("payload-not-json", Bearer(Jwt(hs256, Encoding.UTF8.GetBytes("hello"), TestKey))),
            One("payload-array", Bearer(Jwt(hs256, Encoding.UTF8.GetBytes("[1,2,3]"), TestKey))),
            One("expired", Bearer(Jwt(hs256, Claims(now - 3600, now - 7200), TestKey))),
            One("not-yet-valid", Bearer(Jwt(hs256, Claims(now + 7200, now + 3600), TestKey))),
            One("no-expiry", Bearer(Jwt(hs256, noExpiry, TestKey))),
            One("expiry-not-a-number", Bearer(Jwt(hs256, stringExpiry, TestKey))),
            One("wrong-issuer", Bearer(Jwt(hs256, Claims(now + 3600, now - 60, issuer: "evil"), TestKey))),
            One("wrong-audience", Bearer(Jwt(hs256, Claims(now + 3600, now - 60, audience: "evil"), TestKey))),
            One("other-key", Bearer(Jwt(hs256, valid, otherKey))),
            One("alg-none", Bearer(Unsigned("none", valid))),
            One("alg-None", Bearer(Unsigned("None", valid))),
            One("alg-none-with-signature", Bearer(Unsigned("none", valid) + parts[2])),
            One("alg-rs256-with-hmac", Bearer(Jwt(new JsonObject { ["alg"] = "RS256", ["typ"] = "JWT" }, valid, TestKey))),
            One("alg-missing", Bearer(Jwt(new JsonObject { ["typ"] = "JWT" }, valid, TestKey))),
            One("tampered-payload", Bearer(parts[0] + "." + Encode(elevated) + "." + parts[2])),
            One("tampered-signature", Bearer(parts[0] + "." + parts[1] + "." + Flip(parts[2]))),
            One("signature-stripped", Bearer(parts[0] + "." + parts[1] + ".")),
            One("huge-token", Bearer(new string('A', 20_000) + "." + new string('B', 4_000) + ".C")),
            new("two-valid-headers", [Bearer(validToken), Bearer(validToken)]),
            new("valid-then-garbage-header", [Bearer(validToken), "Basic Zm9vOmJhcg=="]),
            new("token-in-query", [], Query: "access_token=" + validToken),
            new("header-over-limit", [Bearer(new string('A', 40_000))], ProtocolLevel: true),
            new("non-ascii-token", [Bearer("ey\u00ff\u00fe.x.y")], ProtocolLevel: true),
        ];
    }

    /// <summary>
    /// Well-signed tokens whose tenant claim is malformed; with every permission but <c>bcp.setup</c>,
    /// none of them may reach a tenant's data or a pair.
    /// </summary>
    public static IReadOnlyList<(string Label, string Token)> MalformedTenants(string tenantId)
    {
        var permissions = Permissions.All.Where(permission => permission != Permissions.Setup).ToArray();
        return
        [
            ("tenant-traversal", ApiHost.Token("../" + tenantId, "fuzz-user", permissions)),
            ("tenant-upper-case", ApiHost.Token(tenantId.ToUpperInvariant(), "fuzz-user", permissions)),
            ("tenant-empty", ApiHost.Token("", "fuzz-user", permissions)),
            ("tenant-nul", ApiHost.Token(tenantId + "\0", "fuzz-user", permissions)),
            ("tenant-star", ApiHost.Token("*", "fuzz-user", permissions)),
            ("tenant-huge", ApiHost.Token(new string('a', 8_000), "fuzz-user", permissions)),
            ("tenant-unicode", ApiHost.Token("\u0442\u0435\u043d\u0430\u043d\u0442", "fuzz-user", permissions)),
        ];
    }

    private static string Jwt(JsonObject header, JsonObject payload, byte[] key) => Jwt(header, Encoding.UTF8.GetBytes(payload.ToJsonString()), key);

    private static string Jwt(JsonObject header, byte[] payload, byte[] key)
    {
        var signed = Encode(header) + "." + Base64Url.EncodeToString(payload);
        return signed + "." + Base64Url.EncodeToString(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(signed)));
    }

    private static string Unsigned(string alg, JsonObject payload) => Encode(new JsonObject { ["alg"] = alg, ["typ"] = "JWT" }) + "." + Encode(payload) + ".";

    private static string Encode(JsonObject json) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json.ToJsonString()));

    private static string Flip(string signature) => (signature[0] == 'A' ? 'B' : 'A') + signature[1..];
}
