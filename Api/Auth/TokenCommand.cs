using System.Globalization;
using Orleans.Bcp.Api.Http;

namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// <c>dotnet run --project Api -- token --tenant T --user U --perm P [--perm P2] [--hours H]</c>:
/// prints a bearer token signed with the development key (Development environment only).
/// </summary>
internal static class TokenCommand
{
    private const double MaxHours = 24 * 30;

    private const string Usage = "usage: token --tenant TENANT_ID --user USER_ID [--perm PERMISSION ...] [--hours 8]";

    public static int Run(WebApplicationBuilder builder, string[] args) => Run(builder, args, Console.Out, Console.Error);

    /// <param name="builder">Configuration and environment (the signing key, Development or not).</param>
    /// <param name="args">The command line, <c>token</c> first.</param>
    /// <param name="output">Where the token goes.</param>
    /// <param name="error">Where refusals go, one line each.</param>
    public static int Run(WebApplicationBuilder builder, string[] args, TextWriter output, TextWriter error)
    {
        if (DevelopmentTokens.DevelopmentKey(builder) is not { } options)
        {
            error.WriteLine("token: only in the Development environment with Auth:DevelopmentSigningKey set.");
            return 2;
        }

        string? tenant = null, user = null;
        var hours = 8.0;
        var permissions = new List<string>();
        for (var i = 1; i < args.Length; i += 2)
        {
            if (i + 1 >= args.Length)
            {
                error.WriteLine($"token: {args[i]} needs a value. {Usage}");
                return 2;
            }

            var value = args[i + 1];
            switch (args[i])
            {
                case "--tenant": tenant = value; break;
                case "--user": user = value; break;
                case "--perm": permissions.Add(value); break;
                case "--hours":
                    if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out hours) || hours <= 0 || hours > MaxHours)
                    {
                        error.WriteLine($"token: --hours must be a number of hours above 0 and at most {MaxHours}, not '{value}'.");
                        return 2;
                    }

                    break;
                default:
                    error.WriteLine($"token: unknown option {args[i]}. {Usage}");
                    return 2;
            }
        }

        if (tenant is null || user is null)
        {
            error.WriteLine(Usage);
            return 2;
        }

        // A typo would mint a token that quietly lacks the permission, and every call with it is a puzzling 403.
        if (permissions.FirstOrDefault(permission => !Permissions.IsKnown(permission)) is { } unknown)
        {
            error.WriteLine($"token: unknown permission '{unknown}'. Known permissions: {string.Join(", ", Permissions.All)}.");
            return 2;
        }

        output.WriteLine(DevelopmentTokens.Mint(options, options.DevelopmentSigningKey!, user, tenant, permissions, TimeSpan.FromHours(hours)));
        return 0;
    }
}
