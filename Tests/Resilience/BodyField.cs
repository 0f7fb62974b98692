namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// A field the route checks, with what the route must refuse in it. Only checked fields are
/// mutated: a field the route ignores or keeps as sent may legitimately hold anything.
/// </summary>
/// <param name="Name">The JSON property name.</param>
/// <param name="Kind">The JSON shape it must have.</param>
/// <param name="Required">Null (or absent) is refused.</param>
/// <param name="MaxLength">Longer text is refused (0: no length check, e.g. references).</param>
/// <param name="BadStrings">String values (JSON literals) that are refused, with a label each.</param>
public sealed record BodyField(string Name, FieldKind Kind, bool Required, int MaxLength, IReadOnlyList<(string Label, string Json)> BadStrings)
{
    /// <summary>Checked one-line text: control characters and lone surrogates are refused, and blank text when required.</summary>
    public static BodyField Text(string name, int maxLength, bool required = true) =>
        new(name, FieldKind.String, required, maxLength, [.. HostileValues.BadTextEscapes, .. required ? Blank : []]);

    /// <summary>One of a few words; every other string is refused.</summary>
    public static BodyField Choice(string name, bool required = true) =>
        new(name, FieldKind.String, required, 0, [.. HostileValues.UnknownEnumValues.Select(value => ("unknown-" + Label(value), Quote(value)))]);

    /// <summary>A string with its own rule (a pattern, an id, a phone number): the given values break it.</summary>
    public static BodyField Shaped(string name, bool required, params string[] badValues) =>
        new(name, FieldKind.String, required, 0, [.. badValues.Select(value => ("bad-" + Label(value), Quote(value))), .. required ? Blank : []]);

    /// <summary>An id of another entity: well-formed ids that name nothing (422) and malformed ones.</summary>
    public static BodyField Reference(string name, bool required = false) =>
        Shaped(name, required, "0123456789abcdef0123456789abcdef", "../x", "A", "x%00", new string('a', 65), "\u00fcn\u00efc\u00f6d\u00e9", "*");

    public static BodyField Flag(string name, bool required = false) => new(name, FieldKind.Bool, required, 0, []);

    /// <summary>An array of strings; <paramref name="badItems"/> are refused as items.</summary>
    public static BodyField Strings(string name, bool required, params string[] badItems) =>
        new(name, FieldKind.StringArray, required, 0, [.. badItems.Select(item => ("bad-item-" + Label(item), $"[{Quote(item)}]"))]);

    private static readonly (string, string)[] Blank = [("empty", "\"\""), ("blank", "\"   \"")];

    public static string Quote(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static string Label(string value) => value.Length == 0 ? "empty" : RawRequest.Printable(value, 12);
}
