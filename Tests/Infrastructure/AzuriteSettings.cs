using System.Text.Json;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>The development settings in the repository's azurite.json, and where Azurite's entry point is.</summary>
internal sealed record AzuriteSettings(string RepositoryRoot, IReadOnlyList<string> Flags, string AccountName, string AccountKey)
{
    private const string FileName = "azurite.json";

    public string EntryPoint => Path.Combine(RepositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");

    public static AzuriteSettings Load()
    {
        var root = FindRepositoryRoot();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, FileName)));
        var settings = json.RootElement;
        return new AzuriteSettings(
            root,
            [.. settings.GetProperty("flags").EnumerateArray().Select(flag => flag.GetString()!)],
            settings.GetProperty("accountName").GetString()!,
            settings.GetProperty("accountKey").GetString()!);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, FileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {FileName} found above {AppContext.BaseDirectory}.");
    }
}
