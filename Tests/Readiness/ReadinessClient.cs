using System.Net;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Tests.Readiness;

/// <summary>Reads a pair's readiness report as JSON, the way the console does.</summary>
public static class ReadinessClient
{
    /// <summary>Hosts of these tests check again on every read (no kept report), so each read sees the last change.</summary>
    public static readonly IReadOnlyDictionary<string, string?> FreshReports = new Dictionary<string, string?> { ["Readiness:MaxAge"] = "00:00:00" };

    public static async Task<JsonObject> GetAsync(HttpClient client, string pairId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/readiness");
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    public static JsonObject Check(JsonObject report, string id) =>
        report["checks"]!.AsArray().Select(check => check!.AsObject()).Single(check => check["id"]!.GetValue<string>() == id);

    public static string Status(JsonObject report, string id) => Check(report, id)["status"]!.GetValue<string>();

    public static IReadOnlyList<JsonObject> Items(JsonObject report, string id) =>
        [.. Check(report, id)["items"]!.AsArray().Select(item => item!.AsObject())];

    public static string Verdict(JsonObject report) => report["verdict"]!.GetValue<string>();
}
