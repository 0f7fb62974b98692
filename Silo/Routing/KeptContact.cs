using System.Text.Json;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Routing;

/// <summary>
/// What routing needs of a point of contact, taken out of its document once when it is cached
/// (a cached <see cref="JsonObject"/> is not safe to read from many requests at once).
/// </summary>
/// <param name="Number">Its voice number in E.164, or null when it is not a voice point of contact.</param>
/// <param name="Active">False when deactivated.</param>
/// <param name="Contact">The answer's point of contact.</param>
public sealed record KeptContact(string? Number, bool Active, RoutedContact Contact)
{
    public static KeptContact? From(EntityDocument? document)
    {
        if (document is null)
        {
            return null;
        }

        var data = document.Data;
        var active = data["active"] is not JsonValue value || value.GetValueKind() != JsonValueKind.False;
        var contact = new RoutedContact(document.Id, Text(data, "name"), Text(data, "skillId"), Text(data, "hoursOfOperationId"), Text(data, "scriptId"));
        return new KeptContact(VoiceNumber.Of(data), active, contact);
    }

    private static string? Text(JsonObject data, string field) =>
        data[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
