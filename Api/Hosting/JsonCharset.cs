using Microsoft.Net.Http.Headers;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// JSON bodies are UTF-8 (RFC 8259 §8.1). A JSON Content-Type naming another charset is refused
/// with 415 before any endpoint reads the body: the framework's binding throws on a charset it does
/// not know (<c>charset=bogus</c> was a 500) and silently transcodes one it knows.
/// </summary>
internal static class JsonCharset
{
    public static Task RequireUtf8Async(HttpContext context, RequestDelegate next)
    {
        if (context.Request.HasJsonContentType()
            && MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var mediaType)
            && HeaderUtilities.RemoveQuotes(mediaType.Charset) is { HasValue: true } charset
            && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            return Problem.Of(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "JSON bodies must be UTF-8",
                $"Send Content-Type: application/json (charset utf-8), not charset '{charset}'.").ExecuteAsync(context);
        }

        return next(context);
    }
}
