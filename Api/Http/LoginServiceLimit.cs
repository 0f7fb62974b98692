namespace Orleans.Bcp.Api.Http;

/// <summary>Endpoint metadata: the route is a login service's hot read, limited by the login service limiter (Api/Hosting/LoginServiceLimiter.cs).</summary>
internal sealed class LoginServiceLimit
{
    public static readonly LoginServiceLimit Instance = new();

    private LoginServiceLimit()
    {
    }
}
