using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// Answers a refused request with a problem of our own: 401 <c>unauthorized</c> (after the scheme's
/// challenge, so <c>WWW-Authenticate</c> still says why), 403 <c>permission-required</c> naming the
/// permission the token lacks. The framework's answers had an empty body that the status-code pages
/// filled with an RFC 9110 link as type, and a 403 that did not say what was missing.
/// </summary>
internal sealed class ProblemAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Challenged)
        {
            await ForEachSchemeAsync(policy, scheme => context.ChallengeAsync(scheme));
            await WriteAsync(context, new ProblemDetails
            {
                Status = StatusCodes.Status401Unauthorized,
                Type = Problem.TypePrefix + "unauthorized",
                Title = "Authentication required",
                Detail = "Send a valid bearer token: Authorization: Bearer <token>.",
            });
        }
        else if (authorizeResult.Forbidden)
        {
            await ForEachSchemeAsync(policy, scheme => context.ForbidAsync(scheme));
            await WriteAsync(context, Forbidden(authorizeResult.AuthorizationFailure));
        }
        else
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
        }
    }

    private static ProblemDetails Forbidden(AuthorizationFailure? failure)
    {
        var failed = failure?.FailedRequirements.OfType<ClaimsAuthorizationRequirement>().ToList() ?? [];
        if (failed.FirstOrDefault(requirement => requirement.ClaimType == Permissions.ClaimType)?.AllowedValues?.ToList() is [var first, ..] permissions)
        {
            var problem = new ProblemDetails
            {
                Status = StatusCodes.Status403Forbidden,
                Type = Problem.TypePrefix + "permission-required",
                Title = "A permission is missing",
                Detail = $"This needs the permission {string.Join(" or ", permissions)}, which the token does not carry.",
            };
            // The first permission that grants the request; the detail names every one that would.
            problem.Extensions["permission"] = first;
            return problem;
        }

        return new ProblemDetails
        {
            Status = StatusCodes.Status403Forbidden,
            Type = Problem.TypePrefix + "forbidden",
            Title = "Forbidden",
            Detail = failed.Any(requirement => requirement.ClaimType == Permissions.TenantClaimType)
                ? "The token names no tenant (claim 'tenant'); tokens act in one tenant."
                : "The token does not allow this request.",
        };
    }

    private static async Task ForEachSchemeAsync(AuthorizationPolicy policy, Func<string?, Task> act)
    {
        if (policy.AuthenticationSchemes.Count == 0)
        {
            await act(null);
            return;
        }

        foreach (var scheme in policy.AuthenticationSchemes)
        {
            await act(scheme);
        }
    }

    private async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
