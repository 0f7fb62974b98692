using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Silo.Login;

namespace Orleans.Bcp.Api.Login;

/// <summary>Login options for the login service (docs/api.md).</summary>
public static class LoginEndpoints
{
    private const int MaxUsernameLength = 256;

    public static RouteHandlerBuilder MapLogin(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/login/options", GetOptionsAsync).WithTags("Login").RequireAuthorization(Permissions.LoginRead).LimitAsLoginService().AsHotRead()
            .WithName("getLoginOptions").WithSummary("Login options for a username")
            .WithDescription("Where a user may log in now (by BCP type and active side): directly to one tenant, a selector between both, or denied. Usernames match regardless of case; encode `+` in the query as `%2B`.")
            .WithRequiredQuery("username").ProducesProblems(400, "validation").ProducesProblems(404, "user-unknown");

    public static async ValueTask<Results<BufferedJsonOk<LoginOptions>, ProblemHttpResult>> GetOptionsAsync(LoginDirectory directory, string? username = null)
    {
        if (string.IsNullOrWhiteSpace(username) || username.Length > MaxUsernameLength || username.Any(char.IsControl))
        {
            return Problem.Invalid("username", $"username is required: up to {MaxUsernameLength} characters, no control characters.");
        }

        return await directory.FindAsync(username) is { } options
            ? new BufferedJsonOk<LoginOptions>(options)
            : Problem.Of(StatusCodes.Status404NotFound, "user-unknown", "Unknown username", "No user has this username.");
    }
}
