using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// Validates bearer tokens with the wrapped handler and remembers each <em>successful</em>
/// validation, keyed by the exact token string, until the token's expiry or until the signing keys change.
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
/// grant); a failed validation is never remembered. A hit through <see cref="ValidateTokenAsync"/> gets its own copy
/// of the identity; the requests a token authenticates straight from the header (<see cref="RememberedToken"/>, the hot
/// reads) share its principal, whose claims and identities cannot be changed (<see cref="ReadOnlyClaimsPrincipal"/>), so
/// nothing one request does to its principal reaches another. The cache is bounded: past its capacity
/// expired entries are dropped, and if that is not enough it is emptied (it refills on the next requests).
/// </para>
/// <para>
/// A remembered token never outlives a signing key: each is remembered with the key set in force when its
/// validation started (<paramref name="keySet"/>, a new object whenever the configured keys change, see
/// <see cref="SigningKeySet"/>) and honoured only while that set is still the one in force; after a change
/// every token is validated in full again, so one signed with a removed key is refused. Keys an authority
/// publishes are not tracked this way: a token remembered under a key the authority withdrew stays accepted
/// until it expires (at most the token lifetime).
/// </para>
/// </remarks>
/// <param name="inner">The handler that validates in full.</param>
/// <param name="capacity">How many validations are remembered at most; 0 remembers none.</param>
/// <param name="keySet">The signing key set in force now; compared by reference.</param>
internal sealed class CachingTokenHandler(TokenHandler inner, int capacity, Func<object> keySet) : TokenHandler
{
    private readonly ConcurrentDictionary<string, ValidatedToken> _validated = new(StringComparer.Ordinal);
    private int _count;

    // Looks a token up straight from the Authorization header's characters, without copying them into a string first.
    private ConcurrentDictionary<string, ValidatedToken>.AlternateLookup<ReadOnlySpan<char>> ByText => _validated.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>How many validations are remembered now (for tests).</summary>
    public int Count => Volatile.Read(ref _count);

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        // The wrapped handler checks lifetimes against the system clock, so hits do too: the API's
        // TimeProvider may be a fake one in tests, and the two must agree on what "expired" means.
        var now = DateTime.UtcNow;
        // Read before validating: if the keys change meanwhile, the token is remembered under the old set and never recalled.
        var keys = keySet();
        if (Recall(token, now, keys) is { } known)
        {
            return new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = known.SecurityToken,
                ClaimsIdentity = known.NewIdentity(),
                Issuer = known.Issuer,
                TokenType = known.TokenType,
            };
        }

        var result = await inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken is { ValidTo: var validTo } securityToken && validTo > now && capacity > 0)
        {
            Remember(token, new ValidatedToken(securityToken, result.ClaimsIdentity.Clone(), result.Issuer, result.TokenType, validTo, keys), now, keys);
        }

        return result;
    }

    /// <summary>
    /// A copy of the identity of <paramref name="token"/> if it passed full validation before, under the signing
    /// keys still in force, and has not expired; otherwise null (and the token must go through full validation).
    /// </summary>
    public ClaimsIdentity? RecallIdentity(string token) => Recall(token)?.NewIdentity();

    /// <summary>
    /// <paramref name="token"/>'s validation if it passed in full before, under the signing keys still in force, and has not
    /// expired; otherwise null (and the token must go through full validation).
    /// </summary>
    public ValidatedToken? Recall(ReadOnlySpan<char> token) => Recall(token, DateTime.UtcNow, keySet());

    private ValidatedToken? Recall(ReadOnlySpan<char> token, DateTime now, object keys)
    {
        var byText = ByText;
        if (!byText.TryGetValue(token, out var known))
        {
            return null;
        }

        if (now < known.ExpiresUtc && ReferenceEquals(known.Keys, keys))
        {
            return known;
        }

        if (byText.TryRemove(token, out _))
        {
            Interlocked.Decrement(ref _count);
        }

        return null;
    }

    private void Remember(string token, ValidatedToken validated, DateTime now, object keys)
    {
        if (Volatile.Read(ref _count) >= capacity)
        {
            foreach (var (key, entry) in _validated)
            {
                if (entry.ExpiresUtc <= now || !ReferenceEquals(entry.Keys, keys))
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
        else
        {
            // Already remembered by a concurrent validation: this one is at least as recent.
            _validated[token] = validated;
        }
    }

    private void Remove(string token)
    {
        if (_validated.TryRemove(token, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }
}
