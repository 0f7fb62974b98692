using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Orleans.Bcp.Api.AdminConsole;

/// <summary>
/// The admin console's built files (index.html, app.js, app.css), embedded in the Api assembly by the
/// build (Api.csproj, target <c>BuildConsole</c>). Embedded rather than copied so that every host of the
/// assembly serves them, whatever its content root: <c>dotnet run</c>, a published folder, the tests' in-process host.
/// </summary>
internal static class ConsoleAssets
{
    /// <summary>The resource names are the paths the console is served at, under this prefix.</summary>
    public const string ResourcePrefix = "console/";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    };

    /// <summary>The files in the assembly, by URL path (<c>/app.js</c>); empty when the console was not built in.</summary>
    public static IReadOnlyDictionary<string, ConsoleAsset> Load()
    {
        var assembly = typeof(ConsoleAssets).Assembly;
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            if (ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                var content = Read(assembly, name);
                var path = "/" + name[ResourcePrefix.Length..];
                var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..20]}\"");
                assets[path] = new ConsoleAsset(path, content, contentType, tag);
            }
        }

        return assets;
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
