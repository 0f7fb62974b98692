using System.Text.Json;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// What a 400 from the framework's binding says: the field and position the JSON reader stopped at, like the
/// configuration routes (Api/Config/EntityBody.cs) — never the framework's message, which names the handler's
/// parameter and the request's type (<c>Failed to read parameter "SwitchRequest request"…</c>).
/// </summary>
internal static class BodyReadProblem
{
    /// <summary>The field (<c>$</c> for the whole body) and a message for a binding failure.</summary>
    public static (string Field, string Message) Describe(BadHttpRequestException bad, HttpRequest request)
    {
        if (FindJsonException(bad) is { } json)
        {
            var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
            var position = $"line {(json.LineNumber ?? 0) + 1}, byte {(json.BytePositionInLine ?? 0) + 1}";
            return json is JsonValueException hint
                ? (field, $"{field} (at {position}): {hint.Message}")
                : (field, $"The body is not valid JSON, or {field} does not hold what it takes (at {position}).");
        }

        return request.ContentLength is 0 || bad.Message.Contains("body", StringComparison.OrdinalIgnoreCase)
            ? ("$", "The body is required: a JSON object.")
            : ("$", "A value in the request's path or query could not be read.");
    }

    private static JsonException? FindJsonException(Exception exception)
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is JsonException json)
            {
                return json;
            }
        }

        return null;
    }
}
