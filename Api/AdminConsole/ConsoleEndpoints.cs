using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Orleans.Bcp.Api.AdminConsole;

/// <summary>
/// Serves the admin console (docs/console.md) at <c>/</c>: a page and its script and style, which use
/// only the public HTTP API with the bearer token the user signed in with. In Development it also maps the
/// sign-in endpoint that mints such tokens (<see cref="DevTokenEndpoints"/>).
/// </summary>
public static class ConsoleEndpoints
{
    /// <summary>
    /// The page runs only its own script and style, talks only to this origin, and cannot be framed:
    /// it holds a bearer token (in memory) and is shown passkeys.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
        "form-action 'none'; frame-ancestors 'none'; base-uri 'none'";

    public static WebApplication MapConsole(this WebApplication app)
    {
        var assets = ConsoleAssets.Load();
        foreach (var asset in assets.Values)
        {
            var endpoint = app.MapGet(asset.Path == "/index.html" ? "/" : asset.Path, (HttpResponse response) => Serve(asset, response));
            endpoint.AllowAnonymous().ExcludeFromDescription();
        }

        var signIn = app.Environment.IsDevelopment() && DevTokenEndpoints.IsAvailable(app.Configuration);
        if (signIn)
        {
            app.MapDevTokens();
        }

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleEndpoints));
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, logger, assets.Count > 0, signIn));
        return app;
    }

    private static IResult Serve(ConsoleAsset asset, HttpResponse response)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType, entityTag: asset.ETag);
    }

    private static void Announce(WebApplication app, ILogger logger, bool built, bool signIn)
    {
        if (!built)
        {
            ConsoleLog.NotBuilt(logger);
            return;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            ConsoleLog.Serving(logger, address.TrimEnd('/') + "/", signIn
                ? "sign in with the Development form"
                : "sign in with a bearer token (the Development sign-in is off outside Development)");
        }
    }
}
