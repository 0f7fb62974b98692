using System.Text.Json.Nodes;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// The shape each entity type must have (the fields the product relies on); any other fields are
/// kept as sent. Produces the document to store: without <c>id</c>, text trimmed, defaults filled.
/// </summary>
public static class EntityValidator
{
    public const int MaxNameLength = 200;
    public const int MaxUsernameLength = 256;
    public const int MaxScriptContentBytes = 1024 * 1024;

    public const string UsernameField = "username";

    /// <summary>Validates <paramref name="body"/>; <paramref name="routeId"/> is the id in the URL (replace), null on create.</summary>
    public static JsonObject Validate(EntityTypeInfo type, JsonObject body, string? routeId, FieldErrors errors)
    {
        var data = body.DeepClone().AsObject();
        CheckId(data, routeId, errors);
        switch (type.Name)
        {
            case EntityTypes.Dispositions or EntityTypes.HoursOfOperation or EntityTypes.Skills or EntityTypes.Teams or EntityTypes.Files:
                Fields.RequiredText(data, "name", MaxNameLength, errors);
                break;
            case EntityTypes.Roles:
                Fields.RequiredText(data, "name", MaxNameLength, errors);
                Fields.OptionalTextArray(data, "permissions", MaxNameLength, errors);
                break;
            case EntityTypes.Scripts:
                Fields.RequiredText(data, "name", MaxNameLength, errors);
                Fields.RequiredContent(data, "content", MaxScriptContentBytes, errors);
                break;
            case EntityTypes.Users:
                Fields.RequiredText(data, UsernameField, MaxUsernameLength, errors);
                Fields.OptionalText(data, "firstName", MaxNameLength, errors);
                Fields.OptionalText(data, "lastName", MaxNameLength, errors);
                // Absent is filled in by the writer: "none" on create, the current value on replace.
                Fields.Choice(data, BcpTypes.Field, BcpTypes.All, errors, required: false);
                break;
            case EntityTypes.PointsOfContact:
                Fields.RequiredText(data, "name", MaxNameLength, errors);
                var channel = Fields.Choice(data, "channel", ContactAddress.Channels, errors, required: true);
                ContactAddress.Validate(data, channel, errors);
                Fields.OptionalBoolean(data, "active", defaultValue: true, errors);
                break;
        }

        foreach (var reference in type.References)
        {
            Fields.Reference(data, reference, IsRequired(type, reference), errors);
        }

        return data;
    }

    /// <summary>An agent's settings belong to a user; every other reference is optional.</summary>
    public static bool IsRequired(EntityTypeInfo type, ReferenceField reference) =>
        type.Name == EntityTypes.AgentSettings && reference.Field == "userId";

    // The id is the server's: it is assigned on create and is the URL's on replace. A client may
    // send back the document it read (with its id), but not name another id.
    private static void CheckId(JsonObject data, string? routeId, FieldErrors errors)
    {
        if (!data.ContainsKey("id"))
        {
            return;
        }

        if (routeId is null)
        {
            errors.Add("id", "The id is assigned by the server: leave it out.");
        }
        else if (Fields.String(data["id"]) != routeId)
        {
            errors.Add("id", "The id must be left out or be the id in the URL.");
        }

        data.Remove("id");
    }
}
