using System.Text;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Bodies that must be refused, made from a route's valid template: malformed JSON (truncated,
/// trailing garbage, not JSON at all), a wrong type or null in each checked field, invalid text,
/// invalid UTF-8, duplicate keys, nesting deeper than the API's MaxDepth (32), and strings near
/// and over the body limit.
/// </summary>
public static class JsonBodyMutations
{
    private const string Marker = "__FUZZ__";

    public static IEnumerable<BodyCase> Generate(JsonBodySpec spec, Random random)
    {
        var template = Encoding.UTF8.GetBytes(spec.Template.ToJsonString());
        foreach (var body in Structural(template, random))
        {
            yield return body;
        }

        foreach (var depth in new[] { 33, 64, 1_000, 10_000 })
        {
            yield return new($"nesting/root-arrays-{depth}", Encoding.ASCII.GetBytes(new string('[', depth) + new string(']', depth)));
            yield return new($"nesting/extra-field-{depth}", Insert(template, $"\"zz\":{Nested(depth)},"));
        }

        yield return new("nesting/root-objects-10000", Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_000)));
        yield return new("body/over-limit", Insert(template, $"\"zz\":\"{new string('x', (int)spec.BodyLimit)}\","));

        if (spec.WholeBodyChecked)
        {
            yield return new("duplicate-key/extra-field", Insert(template, "\"zz\":1,\"zz\":2,"));
            foreach (var (label, bytes) in HostileValues.InvalidUtf8)
            {
                yield return new($"invalid-utf8/extra-field:{label}", Splice(Insert(template, $"\"zz\":\"a{Marker}b\","), bytes));
                yield return new($"invalid-utf8/key:{label}", Splice(Insert(template, $"\"z{Marker}\":1,"), bytes));
            }

            yield return new("lone-surrogate/extra-field", Insert(template, "\"zz\":\"\\ud800\","));
            yield return new("lone-surrogate/key", Insert(template, "\"\\udc00\":1,"));
        }

        if (spec.IdForbidden)
        {
            yield return new("id-field/other-id", Insert(template, "\"id\":\"0123456789abcdef0123456789abcdef\","));
            yield return new("id-field/traversal", Insert(template, "\"id\":\"../../x\","));
            yield return new("id-field/number", Insert(template, "\"id\":42,"));
        }

        foreach (var field in spec.Fields)
        {
            foreach (var body in ForField(spec, field))
            {
                yield return body;
            }
        }
    }

    private static IEnumerable<BodyCase> Structural(byte[] template, Random random)
    {
        foreach (var cut in new[] { 0, 1, random.Next(2, template.Length - 1), template.Length - 1 }.Distinct())
        {
            yield return new($"malformed/truncated-at-{cut}", template[..cut]);
        }

        foreach (var garbage in HostileValues.TrailingGarbage)
        {
            yield return new($"malformed/trailing-{RawRequest.Printable(garbage, 8)}", [.. template, .. Encoding.UTF8.GetBytes(garbage)]);
        }

        foreach (var root in new[] { "null", "[]", "\"text\"", "0", "true", "[{}]", "   ", "\u00ef\u00bb\u00bf" })
        {
            yield return new($"malformed/root-{RawRequest.Printable(root, 8)}", Encoding.Latin1.GetBytes(root));
        }

        var text = Encoding.UTF8.GetString(template);
        yield return new("malformed/single-quotes", Encoding.UTF8.GetBytes(text.Replace('"', '\'')));
        yield return new("malformed/unquoted-keys", Encoding.UTF8.GetBytes(System.Text.RegularExpressions.Regex.Replace(text, "\"([A-Za-z]+)\":", "$1:")));
        yield return new("malformed/trailing-comma", Encoding.UTF8.GetBytes(text[..^1] + ",}"));
        yield return new("malformed/comment", Insert(template, "/* comment */"));
        yield return new("malformed/raw-control-char-in-string", Insert(template, "\"zz\":\"a\u0001b\","));
        yield return new("malformed/bom-then-garbage", [0xEF, 0xBB, 0xBF, .. "{x"u8.ToArray()]);
        yield return new("malformed/utf16-body", Encoding.Unicode.GetBytes(text));
        yield return new("malformed/nul-bytes", [.. template[..(template.Length / 2)], 0, 0, .. template[(template.Length / 2)..]]);
        yield return new("malformed/random-bytes", RandomBytes(random, 64));
    }

    private static IEnumerable<BodyCase> ForField(JsonBodySpec spec, BodyField field)
    {
        var template = spec.Template;
        var name = field.Name;
        foreach (var (label, json, kind) in HostileValues.Values)
        {
            var wrong = field.Kind switch
            {
                FieldKind.String => kind != "string",
                FieldKind.Bool => kind != "bool",
                _ => kind != "array" || json == "[1,2]",
            };
            if (wrong)
            {
                yield return new($"wrong-type:{name}={label}", With(template, name, json));
            }
        }

        if (field.Required)
        {
            yield return new($"null:{name}", With(template, name, "null"));
            var without = template.DeepClone().AsObject();
            without.Remove(name);
            yield return new($"missing:{name}", Encoding.UTF8.GetBytes(without.ToJsonString()));
        }

        foreach (var token in HostileValues.NotJsonValues)
        {
            yield return new($"not-json:{name}={token}", With(template, name, token));
        }

        foreach (var (label, json) in field.BadStrings)
        {
            yield return new($"bad-value:{name}={label}", With(template, name, json));
        }

        // The same key twice with a value that is fine by itself: only the duplicate is wrong.
        var duplicate = template[name] is { } value ? $"\"{name}\":{value.ToJsonString()}," : $"\"{name}\":{Sample(field)},\"{name}\":{Sample(field)},";
        yield return new($"duplicate-key:{name}", Insert(Encoding.UTF8.GetBytes(template.ToJsonString()), duplicate));
        yield return new($"nesting:{name}-depth-40", With(template, name, Nested(40)));

        if (field.Kind == FieldKind.String)
        {
            foreach (var (label, bytes) in HostileValues.InvalidUtf8)
            {
                yield return new($"invalid-utf8:{name}:{label}", Splice(With(template, name, $"\"a{Marker}b\""), bytes));
            }

            foreach (var body in Huge(spec, field))
            {
                yield return body;
            }
        }

        if (field.Kind == FieldKind.StringArray)
        {
            var many = string.Join(",", Enumerable.Range(0, 1_001).Select(i => $"\"x{i}\""));
            yield return new($"huge-array:{name}", With(template, name, $"[{many}]"));
            yield return new($"array-with-null:{name}", With(template, name, "[null]"));
            yield return new($"array-nested:{name}", With(template, name, "[[\"x\"]]"));
        }
    }

    private static IEnumerable<BodyCase> Huge(JsonBodySpec spec, BodyField field)
    {
        var name = field.Name;
        var overhead = With(spec.Template, name, "\"\"").Length;
        if (spec.LargeField is { } large && large.Field == name)
        {
            yield return new($"huge-string:{name}-over-field-limit", With(spec.Template, name, $"\"{new string('x', large.MaxBytes + 1)}\""));
            yield return new($"huge-string:{name}-over-body-limit", With(spec.Template, name, $"\"{new string('x', (int)spec.BodyLimit - overhead + 16)}\""));
            yield break;
        }

        if (field.MaxLength > 0)
        {
            yield return new($"huge-string:{name}-max-plus-one", With(spec.Template, name, $"\"{new string('x', field.MaxLength + 1)}\""));
        }

        if (spec.LargeField is not null)
        {
            // The body limit is the large field's (megabytes): other fields stop at their own limit.
            yield break;
        }

        yield return new($"huge-string:{name}-near-body-limit", With(spec.Template, name, $"\"{new string('x', (int)spec.BodyLimit - overhead - 8)}\""));
        yield return new($"huge-string:{name}-at-body-limit", With(spec.Template, name, $"\"{new string('x', (int)spec.BodyLimit - overhead)}\""));
        yield return new($"huge-string:{name}-over-body-limit", With(spec.Template, name, $"\"{new string('x', (int)spec.BodyLimit - overhead + 1)}\""));
    }

    /// <summary>A value of the field's own kind, for a duplicate key that is not wrong by itself.</summary>
    private static string Sample(BodyField field) => field.Kind switch
    {
        FieldKind.Bool => "true",
        FieldKind.StringArray => "[]",
        _ => "\"duplicate\"",
    };

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>The template with <paramref name="field"/> set to the raw JSON text <paramref name="rawValue"/> (added if absent).</summary>
    public static byte[] With(JsonObject template, string field, string rawValue)
    {
        var copy = template.DeepClone().AsObject();
        copy[field] = "__VALUE__";
        return Encoding.UTF8.GetBytes(copy.ToJsonString().Replace("\"__VALUE__\"", rawValue, StringComparison.Ordinal));
    }

    /// <summary>Raw text right after the opening brace.</summary>
    public static byte[] Insert(byte[] json, string raw) => [json[0], .. Encoding.UTF8.GetBytes(raw), .. json[1..]];

    /// <summary>Replaces the marker with raw bytes (which need not be UTF-8).</summary>
    public static byte[] Splice(byte[] json, byte[] bytes)
    {
        var at = json.AsSpan().IndexOf(Encoding.ASCII.GetBytes(Marker));
        return [.. json[..at], .. bytes, .. json[(at + Marker.Length)..]];
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        bytes[0] = (byte)'{';
        return bytes;
    }
}
