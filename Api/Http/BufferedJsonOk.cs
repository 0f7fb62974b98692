using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Orleans.Bcp.Api.Http;

/// <summary>
/// 200 with a JSON body that is serialized first and then written in one piece with a
/// <c>Content-Length</c> — the same body and content type as <c>TypedResults.Ok</c>, for hot reads.
/// </summary>
/// <remarks>
/// Why: <c>TypedResults.Ok</c> streams the JSON into the response, so Kestrel sends it chunked and
/// the terminating chunk goes out in a socket write of its own when the request ends. On the pair
/// status (a few hundred bytes, read by every agent's client after a switch) that second send, and
/// the client's second receive, were a large part of what the request cost beyond <c>/alive</c>
/// (docs/benchmarks.md). Buffering a small body costs less than that.
/// </remarks>
/// <param name="value">The answer.</param>
/// <param name="body"><paramref name="value"/> already serialized by <see cref="Serialize"/> (an answer kept with its body); null to serialize it here.</param>
public sealed class BufferedJsonOk<TValue>(TValue value, byte[]? body = null)
    : IResult, IEndpointMetadataProvider, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<TValue>, IContentTypeHttpResult
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public TValue Value => value;

    object? IValueHttpResult.Value => value;

    public int StatusCode => StatusCodes.Status200OK;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var utf8 = body ?? Serialize(httpContext, value);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = utf8.Length;
        return response.Body.WriteAsync(utf8, httpContext.RequestAborted).AsTask();
    }

    /// <summary>The body this result writes for <paramref name="answer"/>: UTF-8 JSON with the API's serializer options.</summary>
    public static byte[] Serialize(HttpContext httpContext, TValue answer)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return JsonSerializer.SerializeToUtf8Bytes(answer, (JsonTypeInfo<TValue>)options.GetTypeInfo(typeof(TValue)));
    }

    /// <summary>Describes the response for OpenAPI as <c>Ok&lt;TValue&gt;</c> does.</summary>
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
}
