using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// Checks of single fields of an entity body. Each reads the field from the document to be stored,
/// reports what is wrong, and writes back the normalised value (trimmed text, defaults).
/// A field that is absent or JSON null counts as not given.
/// </summary>
public static class Fields
{
    public const int MaxArrayItems = 1000;

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static bool IsGiven(JsonObject data, string field) => data[field] is not null;

    /// <summary>Required one-line text: a string with something besides spaces, no control characters; stored trimmed.</summary>
    public static string? RequiredText(JsonObject data, string field, int maxLength, FieldErrors errors)
    {
        if (!IsGiven(data, field))
        {
            errors.Add(field, $"{field} is required.");
            return null;
        }

        return OptionalText(data, field, maxLength, errors, allowEmpty: false);
    }

    /// <summary>Optional one-line text, same rules as <see cref="RequiredText"/> when given.</summary>
    public static string? OptionalText(JsonObject data, string field, int maxLength, FieldErrors errors, bool allowEmpty = true)
    {
        if (!IsGiven(data, field))
        {
            return null;
        }

        if (String(data[field]) is not { } text)
        {
            errors.Add(field, $"{field} must be a string.");
            return null;
        }

        text = text.Trim();
        if (!allowEmpty && text.Length == 0)
        {
            errors.Add(field, $"{field} must not be empty.");
        }
        else if (text.Length > maxLength)
        {
            errors.Add(field, $"{field} must be at most {maxLength} characters long.");
        }
        else if (text.Any(char.IsControl))
        {
            errors.Add(field, $"{field} must not contain control characters.");
        }
        else
        {
            data[field] = text;
            return text;
        }

        return null;
    }

    /// <summary>Free text (line breaks allowed), limited in UTF-8 bytes; stored as sent.</summary>
    public static void RequiredContent(JsonObject data, string field, int maxBytes, FieldErrors errors)
    {
        if (!IsGiven(data, field))
        {
            errors.Add(field, $"{field} is required (it may be empty).");
        }
        else if (String(data[field]) is not { } text)
        {
            errors.Add(field, $"{field} must be a string.");
        }
        else if (Encoding.UTF8.GetByteCount(text) > maxBytes)
        {
            errors.Add(field, $"{field} must be at most {maxBytes} bytes (UTF-8).");
        }
    }

    /// <summary>One of a few lower-case words (docs/api.md: enums are lower-case strings).</summary>
    public static string? Choice(JsonObject data, string field, IReadOnlyList<string> allowed, FieldErrors errors, bool required)
    {
        if (!IsGiven(data, field))
        {
            if (required)
            {
                errors.Add(field, $"{field} is required: one of {string.Join(", ", allowed)}.");
            }

            return null;
        }

        if (String(data[field]) is { } value && allowed.Contains(value, StringComparer.Ordinal))
        {
            return value;
        }

        errors.Add(field, $"{field} must be one of {string.Join(", ", allowed)}.");
        return null;
    }

    public static void OptionalBoolean(JsonObject data, string field, bool defaultValue, FieldErrors errors)
    {
        if (!IsGiven(data, field))
        {
            data[field] = defaultValue;
        }
        else if (data[field]!.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
        {
            errors.Add(field, $"{field} must be true or false.");
        }
    }

    public static void OptionalTextArray(JsonObject data, string field, int maxLength, FieldErrors errors)
    {
        if (!IsGiven(data, field))
        {
            return;
        }

        if (data[field] is not JsonArray items || items.Count > MaxArrayItems)
        {
            errors.Add(field, $"{field} must be an array of at most {MaxArrayItems} strings.");
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (String(items[i]) is not { Length: > 0 } text || text.Length > maxLength || text.Any(char.IsControl))
            {
                errors.Add($"{field}[{i}]", $"{field}[{i}] must be a non-empty string of at most {maxLength} characters without control characters.");
            }
        }
    }

    /// <summary>
    /// The shape of a reference field: a non-empty string, or for a many-reference an array of them.
    /// Whether the entities exist is checked later (<see cref="ReferenceCheck"/>), and answered with 422.
    /// </summary>
    public static void Reference(JsonObject data, ReferenceField reference, bool required, FieldErrors errors)
    {
        var field = reference.Field;
        if (!IsGiven(data, field))
        {
            if (required)
            {
                errors.Add(field, $"{field} is required: the id of one of this tenant's {reference.TargetType}.");
            }

            return;
        }

        if (!reference.Many)
        {
            if (String(data[field]) is not { Length: > 0 })
            {
                errors.Add(field, $"{field} must be the id of one of this tenant's {reference.TargetType} (a string), or null.");
            }

            return;
        }

        if (data[field] is not JsonArray ids || ids.Count > MaxArrayItems)
        {
            errors.Add(field, $"{field} must be an array of at most {MaxArrayItems} ids of this tenant's {reference.TargetType}.");
            return;
        }

        for (var i = 0; i < ids.Count; i++)
        {
            if (String(ids[i]) is not { Length: > 0 })
            {
                errors.Add($"{field}[{i}]", $"{field}[{i}] must be the id of one of this tenant's {reference.TargetType} (a string).");
            }
        }
    }
}
