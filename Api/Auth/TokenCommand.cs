namespace Orleans.Bcp.Api.Auth;

/// <summary>
/// <c>dotnet run --project Api -- token --tenant T --user U --perm P [--perm P2] [--hours H]</c>:
/// prints a bearer token signed with the development key (Development environment only).
/// </summary>
internal static class TokenCommand
{
    public static int Run(WebApplicationBuilder builder, string[] args)
    {
        var options = builder.Configuration.GetSection("Auth").Get<AuthOptions>() ?? new AuthOptions();
        if (!builder.Environment.IsDevelopment() || string.IsNullOrEmpty(options.DevelopmentSigningKey))
        {
            Console.Error.WriteLine("token: only in the Development environment with Auth:DevelopmentSigningKey set.");
            return 2;
        }

        string? tenant = null, user = null;
        var hours = 8.0;
        var permissions = new List<string>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--tenant": tenant = args[i + 1]; break;
                case "--user": user = args[i + 1]; break;
                case "--perm": permissions.Add(args[i + 1]); break;
                case "--hours": hours = double.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"token: unknown option {args[i]}");
                    return 2;
            }
        }

        if (tenant is null || user is null)
        {
            Console.Error.WriteLine("usage: token --tenant TENANT_ID --user USER_ID [--perm PERMISSION ...] [--hours 8]");
            return 2;
        }

        Console.WriteLine(DevelopmentTokens.Mint(options, options.DevelopmentSigningKey, user, tenant, permissions, TimeSpan.FromHours(hours)));
        return 0;
    }
}
