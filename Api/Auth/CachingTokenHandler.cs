using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// Validates bearer tokens with the wrapped handler and remembers each <em>successful</em>
/// validation, keyed by the exact token string, until the token's expiry.
/// </summary>
/// <remarks>
/// Why: on the hottest authenticated reads (pair status; after a switch every agent's client polls
/// it) full JWT validation — base64 and JSON parsing of header and payload, HMAC, claims — was the
/// largest part of the CPU a request costs beyond Kestrel's floor (docs/benchmarks.md). A client
/// sends the same token on every request until it expires, so a hit skips all of it.
/// <para>
/// Why it stays safe: only tokens that passed full validation are remembered; the key is the whole
/// token, signature included, so any altered byte is a miss and is validated in full; a hit is
/// refused at or after the token's <c>exp</c> (without the clock skew a full validation would still
/// grant); a failed validation is never remembered. Each hit gets its own copy of the identity, so
/// nothing one request does to its principal reaches another. The cache is bounded: past its capacity
/// expired entries are dropped, and if that is not enough it is emptied (it refills on the next requests).
/// </para>
/// <para>
/// The price: a token already seen stays accepted until it expires even if its signing key is removed
/// in the meantime (keys come from configuration or the authority's published keys; a restart empties
/// the cache). That window is at most the token lifetime.
/// </para>
/// </remarks>
internal sealed class CachingTokenHandler(TokenHandler inner, int capacity) : TokenHandler
{
    private readonly ConcurrentDictionary<string, ValidatedToken> _validated = new(StringComparer.Ordinal);
    private int _count;

    /// <summary>How many validations are remembered now (for tests).</summary>
    public int Count => Volatile.Read(ref _count);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The wrapped handler checks lifetimes against the system clock, so hits do too: the API's
        // TimeProvider may be a fake one in tests, and the two must agree on what "expired" means.
        var now = DateTime.UtcNow;
        if (Recall(token, now) is { } known)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = known.SecurityToken,
                ClaimsIdentity = known.Identity.Clone(),
                Issuer = known.Issuer,
                TokenType = known.TokenType,
            };
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } securityToken && validTo > now && capacity > 0)
        {
            Remember(token, new ValidatedToken(securityToken, result.ClaimsIdentity.Clone(), result.Issuer, result.TokenType, validTo), now);
        }

        return result;
    }

    /// <summary>
    /// A copy of the identity of <paramref name="token"/> if it passed full validation before and has not
    /// expired; otherwise null (and the token must go through full validation).
    /// </summary>
    public ClaimsIdentity? RecallIdentity(string token) => Recall(token, DateTime.UtcNow)?.Identity.Clone();

    private ValidatedToken? Recall(string token, DateTime now)
    {
        if (!_validated.TryGetValue(token, out var known))
        {
            return null;
        }

        if (now < known.ExpiresUtc)
        {
            return known;
        }

        Remove(token);
        return null;
    }

    private void Remember(string token, ValidatedToken validated, DateTime now)
    {
        if (Volatile.Read(ref _count) >= capacity)
        {
            foreach (var (key, entry) in _validated)
            {
                if (entry.ExpiresUtc <= now)
                {
                    Remove(key);
                }
            }

            if (Volatile.Read(ref _count) >= capacity)
            {
                // Still full of live tokens: start over rather than track recency on every hit.
                _validated.Clear();
                Volatile.Write(ref _count, 0);
            }
        }

        if (_validated.TryAdd(token, validated))
        {
            Interlocked.Increment(ref _count);
        }
    }

    private void Remove(string token)
    {
        if (_validated.TryRemove(token, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private sealed record ValidatedToken(SecurityToken SecurityToken, ClaimsIdentity Identity, string Issuer, string TokenType, DateTime ExpiresUtc);
}
