using System.Diagnostics;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Demo;

namespace Orleans.Bcp.Api.Demo;

/// <summary>
/// <c>dotnet run --project Api -- demo [--url http://127.0.0.1:5080]</c>: seeds the running server with a
/// demo pair through its HTTP API (no server or silo of its own) and prints how to use it. Development
/// only: its tokens are signed with the development key, as the <c>token</c> command's.
/// </summary>
internal static class DemoCommand
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    private static readonly DemoPermissions Names = new(
        Permissions.Setup, Permissions.ActivationEdit, Permissions.SyncEdit, Permissions.AccessEdit, Permissions.TenantConfigEdit, Permissions.LoginRead);

    private const string Usage = "usage: demo [--url http://127.0.0.1:5080]";

    public static Task<int> RunAsync(WebApplicationBuilder builder, string[] args) => RunAsync(builder, args, Console.Out, Console.Error, CancellationToken.None);

    /// <param name="builder">Configuration and environment (the signing key, Development or not).</param>
    /// <param name="args">The command line, <c>demo</c> first.</param>
    /// <param name="output">Where the pair and the instructions go.</param>
    /// <param name="error">Where a failure goes, in one line.</param>
    /// <param name="cancellationToken">Stops the seeding.</param>
    /// <returns>0 when seeded; 1 when the server refused or was not there; 2 for a wrong command line or environment.</returns>
    public static async Task<int> RunAsync(WebApplicationBuilder builder, string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (ParseUrl(args, error) is not { } url)
        {
            return 2;
        }

        if (DevelopmentTokens.DevelopmentKey(builder) is not { } options)
        {
            error.WriteLine("demo: only in the Development environment with Auth:DevelopmentSigningKey set (it signs the demo's tokens).");
            return 2;
        }

        using var http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        var seeder = new DemoSeeder(new DemoApi(http), Names, (tenant, user, permissions) =>
            DevelopmentTokens.Mint(options, options.DevelopmentSigningKey!, user, tenant, permissions, TimeSpan.FromHours(1)));
        var clock = Stopwatch.StartNew();
        try
        {
            var pair = await seeder.SeedAsync(cancellationToken);
            DemoReport.Write(output, url, pair, clock.Elapsed, Names);
            return 0;
        }
        catch (DemoFailure failure)
        {
            error.WriteLine($"demo: {failure.Message}");
            return 1;
        }
    }

    private static Uri? ParseUrl(string[] args, TextWriter error)
    {
        var text = DefaultUrl;
        for (var i = 1; i < args.Length; i += 2)
        {
            if (args[i] != "--url" || i + 1 >= args.Length)
            {
                error.WriteLine(args[i] == "--url" ? $"demo: --url needs a value. {Usage}" : $"demo: unknown option {args[i]}. {Usage}");
                return null;
            }

            text = args[i + 1];
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            error.WriteLine($"demo: --url must be the server's http(s) address, such as {DefaultUrl}, not '{text}'.");
            return null;
        }

        return url;
    }
}
