using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// The problems of a passkey the pair grain refused, the same for a switch and a drill: the 429 <c>switch-locked</c>
/// (with Retry-After) and the caller's standing in them (<c>attemptsLeft</c>, and <c>lockedUntil</c> and <c>lockScope</c> while locked).
/// </summary>
public static class SwitchLockProblem
{
    public static ProblemHttpResult Locked(HttpContext http, SwitchResult result, TimeProvider time)
    {
        var retryAfter = Math.Max(1, (int)Math.Ceiling((result.LockedUntil!.Value - time.GetUtcNow()).TotalSeconds));
        http.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return Problem.Of(StatusCodes.Status429TooManyRequests, "switch-locked", "Switching is locked",
            result.Attempts!.PairLocked
                ? $"Too many wrong passkeys from several callers: switching is locked for everyone giving a passkey until {result.LockedUntil:O}."
                : $"Too many wrong passkeys: switching is locked for you until {result.LockedUntil:O}. Other users can still switch.",
            Extensions(result.Attempts));
    }

    public static Dictionary<string, object?> Extensions(SwitchAttempts attempts)
    {
        var extensions = new Dictionary<string, object?> { ["attemptsLeft"] = attempts.AttemptsLeft };
        if (attempts.LockedUntil is { } until)
        {
            extensions["lockedUntil"] = until;
            extensions["lockScope"] = attempts.PairLocked ? "pair" : "caller";
        }

        return extensions;
    }
}
