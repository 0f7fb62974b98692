using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// Reads an entity body as a JSON object. Read here rather than bound, so that every way a body
/// can be wrong is a 400 problem with an <c>errors</c> map — and never a 500 later, when a lone
/// surrogate or a duplicate property would surface while the document is stored.
/// </summary>
internal static class EntityBody
{
    /// <summary>The largest valid script (1 MiB of content) with every character escaped as \uXXXX.</summary>
    public const long MaxScriptBodyBytes = EntityValidator.MaxScriptContentBytes * 6L + RequestLimits.MaxRequestBodyBytes;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public static async Task<(JsonObject? Body, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, EntityTypeInfo type)
    {
        if (!request.HasJsonContentType())
        {
            return (null, ConfigProblems.UnsupportedMediaType());
        }

        // Scripts carry their content; every other body stays under the API's global limit.
        if (type.Name == EntityTypes.Scripts && request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxScriptBodyBytes;
        }

        using var buffer = new MemoryStream();
        try
        {
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        }
        catch (IOException ex) when (ex is not BadHttpRequestException)
        {
            // Kestrel reports some broken framing as a plain IOException (a chunk size that
            // overflows: "Bad chunk size data"); a too-large body stays a BadHttpRequestException (413).
            return (null, Problem.Invalid("$", $"The body could not be read: {ex.Message}"));
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (!Utf8.IsValid(bytes.Span))
        {
            return (null, Problem.Invalid("$", "The body is not valid UTF-8."));
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(bytes.Span, documentOptions: Options);
            // Nodes are parsed lazily: writing the whole tree once surfaces every bad string now.
            _ = node?.ToJsonString();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or ArgumentException)
        {
            return (null, Problem.Invalid("$", $"The body is not valid JSON: {ex.Message}"));
        }

        return node is JsonObject body ? (body, null) : (null, Problem.Invalid("$", "The body must be a JSON object."));
    }
}
