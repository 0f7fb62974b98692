using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// Accepts a bearer token that <see cref="CachingTokenHandler"/> validated in full before (same
/// token, not expired) as soon as the JWT handler receives it, before the handler prepares a
/// validation it would not need (copying the validation parameters, fetching the authority's
/// keys, building the validated-token context) — a visible share of a hot read's cost.
/// </summary>
/// <remarks>
/// Anything else — no token, a token never seen, one past its <c>exp</c> — goes on to full
/// validation unchanged. The token is taken from the header exactly as the JWT handler takes it.
/// </remarks>
internal static class RememberedToken
{
    private const string Scheme = "Bearer ";

    public static Task TryAccept(MessageReceivedContext context, CachingTokenHandler tokens)
    {
        if (Of(context.Request, tokens) is { } token)
        {
            context.Principal = token.Principal;
            context.Success();
        }

        return Task.CompletedTask;
    }

    /// <summary>The request's bearer token when it passed full validation before and still holds; otherwise null.</summary>
    public static ValidatedToken? Of(HttpRequest request, CachingTokenHandler tokens)
    {
        string? authorization = request.Headers.Authorization;
        return authorization is not null && authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
            ? tokens.Recall(authorization.AsSpan(Scheme.Length).Trim())
            : null;
    }
}
