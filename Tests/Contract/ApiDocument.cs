using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>The API document as served (<c>/openapi/v1.json</c>, Development) and as committed (<c>docs/openapi.json</c>).</summary>
public static class ApiDocument
{
    public const string ServedPath = "/openapi/v1.json";

    /// <summary>Set to 1, the document test rewrites docs/openapi.json instead of comparing it.</summary>
    public const string UpdateVariable = "BCP_UPDATE_OPENAPI";

    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        // Readable as committed: "→", "`" and "<slug>" stay as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string CommittedPath => Path.Combine(RepositoryRoot(), "docs", "openapi.json");

    public static JsonNode Committed() => JsonNode.Parse(File.ReadAllText(CommittedPath))!;

    public static async Task<JsonNode> FetchAsync(HttpClient client)
    {
        var response = await client.GetAsync(ServedPath);
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>The document as committed: two-space indents, LF line ends, a final newline.</summary>
    public static string Format(JsonNode document) => document.ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";

    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orleans.Bcp.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Orleans.Bcp.sln above {AppContext.BaseDirectory}.");
    }
}
