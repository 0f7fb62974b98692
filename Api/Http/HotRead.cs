namespace Orleans.Bcp.Api.Http;

/// <summary>
/// Endpoint metadata: the route is one of the hottest reads (login options, voice routing, the pair status), which a
/// caller with a token already validated in full skips the generic authentication and authorization steps for
/// (Api/Hosting/HotReads.cs).
/// </summary>
public sealed class HotRead
{
    public static readonly HotRead Instance = new();

    private HotRead()
    {
    }
}
