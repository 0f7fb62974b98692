using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// The dialled number of a voice point of contact in its one stored form, E.164 without the spaces,
/// dashes and parentheses people type. The API stores it so, the voice address index keys on it and
/// the telephony router looks it up (docs/api.md): one definition keeps the three in agreement.
/// </summary>
public static partial class VoiceNumber
{
    /// <summary>The <c>channel</c> of a point of contact that has a dialled number.</summary>
    public const string Channel = "voice";

    /// <summary>The number in E.164 form (<c>+1 (415) 555-0100</c> → <c>+14155550100</c>), or null when it is not one.</summary>
    public static string? Normalize(string text)
    {
        var number = Separators().Replace(text, "");
        return E164().IsMatch(number) ? number : null;
    }

    /// <summary>The number a point of contact as stored holds, or null when it is not on the voice channel (or has no valid number).</summary>
    public static string? Of(JsonObject pointOfContact) =>
        Text(pointOfContact["channel"]) == Channel && Text(pointOfContact["address"]) is { } address ? Normalize(address) : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    [GeneratedRegex(@"[\s\-()]")]
    private static partial Regex Separators();

    [GeneratedRegex(@"^\+[1-9][0-9]{1,14}$")]
    private static partial Regex E164();
}
