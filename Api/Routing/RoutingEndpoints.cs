using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Routing;

namespace Orleans.Bcp.Api.Routing;

/// <summary>Voice routing for the telephony router (docs/api.md).</summary>
public static class RoutingEndpoints
{
    public static RouteHandlerBuilder MapRouting(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/routing/voice", GetVoiceRouteAsync).WithTags("Routing").RequireAuthorization(Permissions.LoginRead).LimitAsLoginService().AsHotRead()
            .WithName("routeVoice").WithSummary("Route a call to a number")
            .WithDescription("The point of contact a call to an E.164 number goes to, in the active tenant. Encode the `+` as `%2B`: a bare `+` in a query string is a space.")
            .WithRequiredQuery("address").ProducesProblems(400, "validation").ProducesProblems(404, "poc-unknown", "poc-inactive", "poc-not-in-bcp");

    public static async ValueTask<Results<BufferedJsonOk<VoiceRoute>, ProblemHttpResult>> GetVoiceRouteAsync(VoiceRouter router, string? address = null)
    {
        if (address is null || VoiceNumber.Normalize(address) is not { } number)
        {
            return Problem.Invalid("address", address is not null && UnencodedPlus(address) is { } meant
                ? $"address arrived starting with a space: an unencoded '+' in a query string means a space. Percent-encode '+' as %2B: address=%2B{meant[1..]}."
                : "address must be a phone number in E.164 form, such as +14155550123 (in a query string, percent-encode '+' as %2B).");
        }

        var answer = await router.RouteAsync(number);
        return answer.Outcome switch
        {
            RoutingOutcome.Routed => new BufferedJsonOk<VoiceRoute>(answer.Route!),
            RoutingOutcome.PocInactive => Problem.Of(StatusCodes.Status404NotFound, "poc-inactive", "The point of contact is inactive",
                "The point of contact for this number does not take calls now."),
            RoutingOutcome.PocNotInBcp => Problem.Of(StatusCodes.Status404NotFound, "poc-not-in-bcp", "Not available in the BCP tenant",
                "The BCP side is active and this point of contact was not synced to it."),
            _ => Problem.Of(StatusCodes.Status404NotFound, "poc-unknown", "Unknown number", "No voice point of contact has this number."),
        };
    }

    /// <summary>
    /// The number meant when a client sent <c>address=+1415…</c> without encoding: form decoding turns
    /// that '+' into a space, so the address starts with one and is a number once it is a '+' again.
    /// </summary>
    private static string? UnencodedPlus(string address) =>
        address.StartsWith(' ') ? VoiceNumber.Normalize("+" + address.TrimStart(' ')) : null;
}
