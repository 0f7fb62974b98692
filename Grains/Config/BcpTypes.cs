using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Grains.Config;

/// <summary>A user's BCP type (docs/api.md): who may log in to the BCP tenant. Kept on the user's record as <c>bcpType</c>.</summary>
public static class BcpTypes
{
    public const string Field = "bcpType";

    /// <summary>The default: the user may not log in to the BCP tenant.</summary>
    public const string None = "none";

    /// <summary>The user logs in directly to whichever tenant is active.</summary>
    public const string Single = "single";

    /// <summary>The user chooses between both tenants.</summary>
    public const string Multiple = "multiple";

    public static IReadOnlyList<string> All { get; } = [None, Single, Multiple];

    /// <summary>The type a user as stored has; a user written before types existed (no field) has <see cref="None"/>.</summary>
    public static string Of(JsonObject user) =>
        user[Field] is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>() is var type && All.Contains(type)
            ? type
            : None;
}
