using System.Security.Claims;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Whose bucket a request takes from: an authenticated caller is its token's tenant and subject (as in
/// <see cref="Caller"/>); an anonymous request is its remote address, with no tenant (so no token's subject can name it).
/// </summary>
internal readonly record struct CallerKey(string? Tenant, string Subject)
{
    public static CallerKey Of(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true)
        {
            return new(
                user.FindFirstValue(Permissions.TenantClaimType) ?? "",
                user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "");
        }

        return new(null, context.Connection.RemoteIpAddress?.ToString() ?? "");
    }
}
