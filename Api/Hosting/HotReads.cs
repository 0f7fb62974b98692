using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Runs a hot read (<see cref="HotRead"/>) straight away when its bearer token passed full validation before: the
/// caller is the remembered principal, the endpoint's policy is answered from what the token was granted before,
/// the login service's limit is taken, and the endpoint runs. The generic authentication, authorization,
/// rate-limiting and charset steps in between cost these reads more than their own work (docs/benchmarks.md,
/// "Hot paths near the ceiling").
/// </summary>
/// <remarks>
/// Only steps that would decide the same way are skipped, so the answers are the full pipeline's:
/// authentication — the JWT handler accepts a remembered token the same way (<see cref="RememberedToken"/>), and no
/// claims transformation is registered; authorization — only policies made of the authenticated-user and claim
/// requirements, which read nothing but the token's claims, each evaluated by the authorization service the first
/// time a token meets it, and only a grant is remembered: a refusal takes the full pipeline, which answers the
/// 401/403 problems; rate limits — the framework's limiter applies to none of these routes (no policy on them, no
/// global limiter) and the login service's limit is taken here as there; charset — only a request with a
/// Content-Type is checked, and such a request takes the full pipeline. So does anything else: no token, a token
/// never validated or expired, signing keys changed since.
/// </remarks>
internal sealed class HotReads(
    CachingTokenHandler tokens, IAuthorizationService authorization, IAuthorizationPolicyProvider policies, LoginServiceLimiter limiter,
    IClaimsTransformation transformation, IOptions<RateLimiterOptions> rateLimits)
{
    private readonly bool _enabled = transformation is NoopClaimsTransformation && rateLimits.Value.GlobalLimiter is null;

    // Per endpoint, its combined policy when a token's grant of it can be remembered; null when the full pipeline decides.
    private readonly ConcurrentDictionary<Endpoint, Task<AuthorizationPolicy?>> _policies = new();

    // Made once: a method group passed as a delegate is a new delegate per request.
    private Func<Endpoint, Task<AuthorizationPolicy?>>? _policyOf;

    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!_enabled || context.GetEndpoint() is not { RequestDelegate: { } run } endpoint || endpoint.Metadata.GetMetadata<HotRead>() is null
            || context.Request.ContentType is not null || RememberedToken.Of(context.Request, tokens) is not { } token)
        {
            return next(context);
        }

        var policy = _policies.GetOrAdd(endpoint, _policyOf ??= PolicyOfAsync);
        if (policy.IsCompletedSuccessfully && policy.Result is { } known && token.Satisfies(known))
        {
            context.User = token.Principal;
            return RunAsync(context, endpoint, run);
        }

        return FirstTimeAsync(context, next, endpoint, run, token, policy);
    }

    /// <summary>The first request of a token to an endpoint: the authorization service decides, and a grant is remembered.</summary>
    private async Task FirstTimeAsync(HttpContext context, RequestDelegate next, Endpoint endpoint, RequestDelegate run, ValidatedToken token, Task<AuthorizationPolicy?> policy)
    {
        var principal = token.Principal;
        if (await policy is not { } known || !(await authorization.AuthorizeAsync(principal, known)).Succeeded)
        {
            await next(context);
            return;
        }

        token.Satisfied(known);
        context.User = principal;
        await RunAsync(context, endpoint, run);
    }

    private Task RunAsync(HttpContext context, Endpoint endpoint, RequestDelegate run) =>
        endpoint.Metadata.GetMetadata<LoginServiceLimit>() is null ? run(context) : limiter.LimitAsync(context, run);

    private async Task<AuthorizationPolicy?> PolicyOfAsync(Endpoint endpoint)
    {
        var metadata = endpoint.Metadata;
        if (metadata.GetMetadata<IAllowAnonymous>() is not null || metadata.GetMetadata<EnableRateLimitingAttribute>() is not null
            || metadata.GetOrderedMetadata<IAuthorizationRequirementData>().Count > 0)
        {
            return null;
        }

        var policy = await AuthorizationPolicy.CombineAsync(policies, metadata.GetOrderedMetadata<IAuthorizeData>(), metadata.GetOrderedMetadata<AuthorizationPolicy>());
        return policy is { AuthenticationSchemes.Count: 0 }
            && policy.Requirements.All(requirement => requirement is DenyAnonymousAuthorizationRequirement or ClaimsAuthorizationRequirement)
            ? policy
            : null;
    }
}
