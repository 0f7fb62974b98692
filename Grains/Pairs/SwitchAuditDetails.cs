using System.Collections.Immutable;
using System.Globalization;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>The audit details of a switch attempt and of a lock it sets (text; the API answers counts as numbers). Never the passkey.</summary>
internal static class SwitchAuditDetails
{
    public static Dictionary<string, string> Of(SwitchCommand command)
    {
        var details = new Dictionary<string, string>
        {
            ["requestedSide"] = command.Side.ToString().ToLowerInvariant(),
            ["mode"] = command.Passkey is null ? "operator" : "passkey",
        };
        if (command.OperatorReason is not null)
        {
            details["reason"] = command.OperatorReason;
        }

        if (command.NotReadyChecks is { Count: > 0 } notReady)
        {
            details["notReadyChecks"] = string.Join(",", notReady);
        }

        if (command.OverwritesBcpChanges is { } overwrites)
        {
            details["overwritesBcpChanges"] = overwrites.ToString(CultureInfo.InvariantCulture);
        }

        return details;
    }

    /// <summary>A new lock's entry; <c>refusedAttempts</c> counts up while the lock is in force (<see cref="CountRefused"/>).</summary>
    public static Dictionary<string, string> OfLock(string scope, DateTimeOffset until, int wrongPasskeys, int callers) => new()
    {
        ["scope"] = scope,
        ["lockedUntil"] = until.ToString("O", CultureInfo.InvariantCulture),
        ["wrongPasskeys"] = wrongPasskeys.ToString(CultureInfo.InvariantCulture),
        ["callers"] = callers.ToString(CultureInfo.InvariantCulture),
        ["refusedAttempts"] = "0",
    };

    /// <summary>A lock's entry with one more refused attempt.</summary>
    public static ImmutableDictionary<string, string> CountRefused(ImmutableDictionary<string, string> details) =>
        details.SetItem("refusedAttempts", (long.Parse(details.GetValueOrDefault("refusedAttempts", "0"), CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture));
}
