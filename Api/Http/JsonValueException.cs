using System.Text.Json;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// A converter's refusal of a value, in words a client may read (e.g. the names an enum takes): the problem for
/// a body the JSON reader rejects quotes it, where the framework's own messages are never shown (they name types).
/// </summary>
public sealed class JsonValueException(string message) : JsonException(message);
