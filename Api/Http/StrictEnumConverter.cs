using System.Text.Json;
using System.Text.Json.Serialization;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// Reads an enum from exactly one member's name (kebab-case, any letter case) — never a number, a
/// comma-separated list or padded text. <see cref="JsonStringEnumConverter"/> reads "primary,bcp" as
/// the flags combination of two members even for an enum without [Flags] (dotnet/runtime#122550)
/// and trims " bcp": a switch request naming both sides switched to one of them. For request
/// properties that choose something; responses keep the default converter.
/// </summary>
public sealed class StrictEnumConverter<T> : JsonConverter<T>
    where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName = Enum.GetValues<T>().ToDictionary(Name, StringComparer.OrdinalIgnoreCase);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && ByName.TryGetValue(reader.GetString()!, out var value)
            ? value
            : throw new JsonValueException($"Expected one of: {string.Join(", ", ByName.Keys)}.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(Name(value));

    private static string Name(T value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
