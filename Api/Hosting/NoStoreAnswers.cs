using Microsoft.Net.Http.Headers;

namespace Orleans.Bcp.Api.Hosting;

/// <summary>
/// Answers to writes are <c>Cache-Control: no-store</c>: the ones that carry a secret — a new pair's passkey, a
/// rotated passkey, a new webhook's signing secret, a development token — must not be kept by any cache on the
/// way or by the browser, and a rule for every write cannot miss the next such route.
/// </summary>
internal static class NoStoreAnswers
{
    public static Task ApplyAsync(HttpContext context, RequestDelegate next)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[HeaderNames.CacheControl] = "no-store";
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
