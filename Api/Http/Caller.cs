using System.Security.Claims;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// What handlers need to know about the authenticated caller. A handler takes it as a parameter: read from the
/// token's claims once per request (<see cref="BindAsync"/>), and shared with the filters that ran before it.
/// </summary>
public sealed record Caller(string UserId, string TenantId, IReadOnlySet<string> Permissions)
{
    public Actor Actor => new(UserId, TenantId);

    public bool Has(string permission) => Permissions.Contains(permission);

    /// <summary>Minimal APIs bind a <see cref="Caller"/> parameter with this; it never appears in the API document.</summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context) => ValueTask.FromResult<Caller?>(Of(context));

    /// <summary>The request's caller, read from its claims the first time it is asked for.</summary>
    public static Caller Of(HttpContext context)
    {
        if (context.Items.TryGetValue(typeof(Caller), out var kept) && kept is Caller caller)
        {
            return caller;
        }

        var read = From(context.User);
        context.Items[typeof(Caller)] = read;
        return read;
    }

    private static Caller From(ClaimsPrincipal user) => new(
        user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
        user.FindFirstValue(Http.Permissions.TenantClaimType) ?? "",
        user.FindAll(Http.Permissions.ClaimType).Select(claim => claim.Value).ToHashSet(StringComparer.Ordinal));
}
