namespace Orleans.Bcp.Api.Hosting;

/// <summary>Endpoint metadata: the route is a login service's hot read, limited by <see cref="LoginServiceLimiter"/>.</summary>
internal sealed class LoginServiceLimit
{
    public static readonly LoginServiceLimit Instance = new();

    private LoginServiceLimit()
    {
    }
}
