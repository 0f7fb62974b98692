using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Audit;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// One audit entry as <c>GET /tenant-pairs/{pairId}/audit</c> shows it. Details are stored as text
/// (entries of every release read the same); known counts and flags are answered as JSON numbers and
/// booleans, everything else as the stored string.
/// </summary>
/// <param name="Sequence">Position in the pair's audit trail, from 1.</param>
/// <param name="At">When it happened.</param>
/// <param name="ActorUserId">Who acted.</param>
/// <param name="ActorTenantId">The tenant the actor was logged in to.</param>
/// <param name="Action">What was attempted, e.g. "switch", "passkey-rotate".</param>
/// <param name="Outcome">How it ended, e.g. "switched", "passkey-invalid".</param>
/// <param name="Details">Further facts, e.g. the side asked for and the epoch (a number); never a secret.</param>
public sealed record AuditEntryDocument(
    long Sequence,
    DateTimeOffset At,
    string ActorUserId,
    string ActorTenantId,
    string Action,
    string Outcome,
    IReadOnlyDictionary<string, JsonNode?> Details)
{
    /// <summary>The actor's username, when they are a user of either tenant and it was read in time (docs/api.md).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ActorUsername { get; init; }

    /// <summary>The account name of the tenant the actor was logged in to, when it is either tenant of the pair.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ActorAccountName { get; init; }

    /// <summary>Per action, the detail keys whose values are whole numbers.</summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> Numbers = new Dictionary<string, FrozenSet<string>>
    {
        ["switch"] = FrozenSet.Create("epoch", "nodesExpected", "nodesAcknowledged", "overwritesBcpChanges"),
        ["switch-lock"] = FrozenSet.Create("wrongPasskeys", "callers", "refusedAttempts"),
        ["sync-run"] = FrozenSet.Create("warnings"),
        ["sync-deletes-release"] = FrozenSet.Create("deletes"),
        ["bcp-type-bulk"] = FrozenSet.Create("rows", "changed", "unchanged", "skipped", "none", "single", "multiple"),
        ["approval-settings"] = FrozenSet.Create("windowMinutes"),
    }.ToFrozenDictionary();

    /// <summary>Per action, the detail keys whose values are decimal numbers.</summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> Decimals = new Dictionary<string, FrozenSet<string>>
    {
        ["switch"] = FrozenSet.Create("effectiveAfterMs"),
    }.ToFrozenDictionary();

    /// <summary>Per action, the detail keys whose values are <c>true</c>/<c>false</c>.</summary>
    private static readonly FrozenDictionary<string, FrozenSet<string>> Flags = new Dictionary<string, FrozenSet<string>>
    {
        ["sync-settings"] = FrozenSet.Create("rewriteScriptIds"),
        ["approval-settings"] = FrozenSet.Create("required"),
    }.ToFrozenDictionary();

    public static AuditEntryDocument From(AuditEntry entry) => new(
        entry.Sequence, entry.At, entry.ActorUserId, entry.ActorTenantId, entry.Action, entry.Outcome,
        entry.Details.ToDictionary(detail => detail.Key, detail => Value(entry.Action, detail.Key, detail.Value), StringComparer.Ordinal));

    private static JsonNode? Value(string action, string key, string value)
    {
        if (Numbers.TryGetValue(action, out var numbers) && numbers.Contains(key)
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        if (Decimals.TryGetValue(action, out var decimals) && decimals.Contains(key)
            && double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var fraction))
        {
            return JsonValue.Create(fraction);
        }

        if (Flags.TryGetValue(action, out var flags) && flags.Contains(key) && bool.TryParse(value, out var flag))
        {
            return JsonValue.Create(flag);
        }

        return JsonValue.Create(value);
    }
}
