using System.Runtime.InteropServices;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>Where the harness finds the repository (azurite.json, node_modules), the Api build and the dotnet host.</summary>
internal static class RepositoryPaths
{
    public const string ApiAssembly = "Orleans.Bcp.Api.dll";
    private const string AzuriteSettingsFile = "azurite.json";

    public static string Root { get; } = FindRoot();

    public static string AzuriteSettings => Path.Combine(Root, AzuriteSettingsFile);

    public static string AzuriteEntryPoint => Path.Combine(Root, "node_modules", "azurite", "dist", "src", "azurite.js");

    /// <summary>Azurite's Blob service alone (<c>azurite-blob</c>): a regional store needs nothing else.</summary>
    public static string AzuriteBlobEntryPoint => Path.Combine(Root, "node_modules", "azurite", "dist", "src", "blob", "main.js");

    /// <summary>The Api is a project reference, so its build (dll, runtimeconfig, appsettings) sits in our output folder.</summary>
    public static string ApiFolder => AppContext.BaseDirectory;

    public static string ApiDll => Path.Combine(ApiFolder, ApiAssembly);

    /// <summary>The dotnet host that runs this process, so the Api runs on the same runtime.</summary>
    public static string DotnetHost
    {
        get
        {
            if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
            {
                return hostPath;
            }

            // The shared runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
            var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
            var candidate = Path.Combine(root, OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet");
            return File.Exists(candidate) ? candidate : "dotnet";
        }
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, AzuriteSettingsFile)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No {AzuriteSettingsFile} found above {AppContext.BaseDirectory}: run the harness from the repository.");
    }
}
