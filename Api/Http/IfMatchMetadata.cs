namespace Orleans.Bcp.Api.Http;

/// <summary>The endpoint honours an <c>If-Match</c> header (412 <c>etag-mismatch</c> when it names another version).</summary>
public sealed class IfMatchMetadata
{
    public static readonly IfMatchMetadata Instance = new();

    private IfMatchMetadata()
    {
    }
}
