using System.Net;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>A call to the Api answered another status than expected; says which, and when the Api asked to be called again.</summary>
internal sealed class ApiCallException(string message, HttpStatusCode status, TimeSpan? retryAfter) : InvalidOperationException(message)
{
    public HttpStatusCode Status => status;

    /// <summary>The answer's <c>Retry-After</c>, if it had one (a 503 problem has).</summary>
    public TimeSpan? RetryAfter => retryAfter;
}
