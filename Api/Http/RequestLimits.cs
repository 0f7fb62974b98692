namespace Orleans.Bcp.Api.Http;

/// <summary>How large a request may be.</summary>
public static class RequestLimits
{
    /// <summary>JSON bodies are small; the CSV bulk upload and script writes raise their own limit.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;
}
