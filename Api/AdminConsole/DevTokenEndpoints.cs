using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.IdentityModel.JsonWebTokens;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.AdminConsole;

/// <summary>
/// <c>POST /dev/tokens</c>: the admin console's sign-in in Development, minting what the <c>token</c> command
/// mints (<see cref="DevelopmentTokens"/>, signed with <c>Auth:DevelopmentSigningKey</c>, which the API honours
/// only in Development). Not mapped in any other environment, and not part of the API document (docs/api.md).
/// </summary>
internal static class DevTokenEndpoints
{
    public const string Route = "/dev/tokens";

    private const int MaxIdLength = 200;

    /// <summary>As long as a working day, like the <c>token</c> command's default.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    public static bool IsAvailable(IConfiguration configuration) => Options(configuration).DevelopmentSigningKey is { Length: > 0 };

    public static void MapDevTokens(this IEndpointRouteBuilder routes) =>
        routes.MapPost(Route, Mint).AllowAnonymous().ExcludeFromDescription().LimitWrites();

    internal static Results<Ok<DevTokenResponse>, ProblemHttpResult> Mint(DevTokenRequest request, IConfiguration configuration)
    {
        if (!IsValidId(request.TenantId))
        {
            return Problem.Invalid("tenantId", $"A tenant id of 1 to {MaxIdLength} printable characters is required (an operator may name any, e.g. \"ops\").");
        }

        if (!IsValidId(request.UserId))
        {
            return Problem.Invalid("userId", $"A user id of 1 to {MaxIdLength} printable characters is required.");
        }

        var permissions = request.Permissions ?? [];
        var unknown = permissions.Where(permission => !Permissions.IsKnown(permission)).ToList();
        if (unknown.Count > 0)
        {
            return UnknownPermissions(unknown);
        }

        var options = Options(configuration);
        var token = DevelopmentTokens.Mint(options, options.DevelopmentSigningKey!, request.UserId!, request.TenantId!,
            permissions.OfType<string>().Distinct(StringComparer.Ordinal), Lifetime);
        return TypedResults.Ok(new DevTokenResponse(token, new JsonWebToken(token).ValidTo));
    }

    private static ProblemHttpResult UnknownPermissions(List<string?> unknown)
    {
        var known = string.Join(", ", Permissions.All);
        var named = string.Join(", ", unknown.Select(permission => permission is null ? "null" : $"'{permission}'"));
        return Problem.Of(StatusCodes.Status400BadRequest, "validation", "The request is invalid",
            $"Unknown permission {named}. Known permissions: {known}.",
            new Dictionary<string, object?>
            {
                ["errors"] = new Dictionary<string, string[]> { ["permissions"] = [$"Unknown permission {named}; known: {known}."] },
                ["knownPermissions"] = Permissions.All,
            });
    }

    private static bool IsValidId(string? id) =>
        !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength && !id.Any(char.IsControl) && id.Trim() == id;

    private static AuthOptions Options(IConfiguration configuration) =>
        AuthOptions.Read(configuration);
}
