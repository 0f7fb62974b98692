using System.Text.RegularExpressions;
using Orleans.Bcp.Tests.Contract;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// The Api project's layers (docs/architecture.md): each feature folder maps its routes to grain and silo calls and
/// shares only the helpers of <c>Api/Http</c>; only the composition root, <c>Api/Hosting</c>, knows every feature.
/// Read from the source files, so a new import across folders fails here before it grows into a loop.
/// </summary>
[TestClass]
public sealed partial class ApiLayeringTests
{
    private const string CompositionRoot = "Hosting";
    private const string SharedHelpers = "Http";
    private const string ApiNamespace = "Orleans.Bcp.Api";

    private static readonly string ApiRoot = Path.Combine(ApiDocument.RepositoryRoot(), "Api");

    [TestMethod]
    public void Folders_ImportNoOtherFolderButTheSharedHelpers()
    {
        var edges = Imports().ToList();
        Assert.IsTrue(edges.Any(edge => edge.Folder == CompositionRoot && edge.Imported == "Pairs"), "The reader finds the composition root's imports.");

        var offenders = edges
            .Where(edge => edge.Folder != CompositionRoot && edge.Imported != SharedHelpers && edge.Imported != edge.Folder)
            .Select(edge => $"{edge.File} uses Api/{edge.Imported}")
            .Distinct()
            .ToList();
        Assert.AreEqual(0, offenders.Count,
            $"Only Api/{CompositionRoot} may use another folder of Api than Api/{SharedHelpers}; move what is shared to Api/{SharedHelpers} "
            + $"(HTTP-shaped) or below the Api (a rule):\n{string.Join("\n", offenders)}");

        var shared = edges.Where(edge => edge.Folder == SharedHelpers && edge.Imported != SharedHelpers).Select(edge => edge.File).Distinct().ToList();
        Assert.AreEqual(0, shared.Count, $"Api/{SharedHelpers} uses no other folder of Api:\n{string.Join("\n", shared)}");
    }

    [TestMethod]
    public void Files_DeclareTheNamespaceOfTheirFolder()
    {
        var misplaced = SourceFiles()
            .Where(file => file.Folder is not null && NamespaceOf(file.Text) is { } declared && declared != $"{ApiNamespace}.{file.Folder}")
            .Select(file => file.Path)
            .ToList();
        Assert.AreEqual(0, misplaced.Count, $"A file's namespace names its folder, or the imports above say nothing:\n{string.Join("\n", misplaced)}");
    }

    /// <summary>Every folder one file of Api uses: by a using directive, a qualified name, or a name relative to the Api's namespace.</summary>
    private static IEnumerable<(string Folder, string Imported, string File)> Imports()
    {
        var folders = SourceFiles().Select(file => file.Folder).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (path, folder, text) in SourceFiles())
        {
            if (folder is null)
            {
                continue;
            }

            var code = Code(text);
            var qualified = QualifiedName().Matches(code).Select(match => match.Groups[1].Value);
            // Inside Orleans.Bcp.Api.X, "Pairs.VisiblePairFilter" reaches another folder without a using directive.
            var relative = RelativeName().Matches(code).Select(match => match.Groups[1].Value).Where(folders.Contains);
            foreach (var imported in qualified.Concat(relative).Distinct(StringComparer.Ordinal))
            {
                yield return (folder, imported, path);
            }
        }
    }

    /// <summary>The Api's C# sources (not bin or obj), with their top folder (null for a file at the project's root, such as Program.cs).</summary>
    private static IEnumerable<(string Path, string? Folder, string Text)> SourceFiles()
    {
        var files = Directory.EnumerateFiles(ApiRoot, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(ApiRoot, file).Replace('\\', '/'))
            .Where(file => !file.StartsWith("bin/", StringComparison.Ordinal) && !file.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.IsTrue(files.Count > 50, $"The Api's sources are found under {ApiRoot}.");
        return files.Select(file => ("Api/" + file, file.Contains('/') ? file[..file.IndexOf('/')] : null, File.ReadAllText(Path.Combine(ApiRoot, file))));
    }

    private static string? NamespaceOf(string text) => NamespaceDeclaration().Match(text) is { Success: true } match ? match.Groups[1].Value : null;

    /// <summary>The text without comments and string literals, and without its namespace declaration.</summary>
    private static string Code(string text) =>
        NamespaceDeclaration().Replace(StringLiteral().Replace(Comment().Replace(text, ""), "\"\""), "");

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\bOrleans\.Bcp\.Api\.([A-Za-z]+)\b")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])([A-Z][A-Za-z]*)\.[A-Z]")]
    private static partial Regex RelativeName();

    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"@""(?:""""|[^""])*""|""(?:\\.|[^""\\\n])*""")]
    private static partial Regex StringLiteral();
}
