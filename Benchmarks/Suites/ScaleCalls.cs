using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>Calls with a token per request, so thousands of pairs' admins share one client (one connection pool) per node.</summary>
internal static class ScaleCalls
{
    public static async Task<(int Status, JsonElement? Body)> SendAsync(
        HttpClient client, HttpMethod method, string path, string token, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (text.Length == 0 || response.Content.Headers.ContentType?.MediaType?.Contains("json", StringComparison.Ordinal) != true)
        {
            return ((int)response.StatusCode, null);
        }

        using var json = JsonDocument.Parse(text);
        return ((int)response.StatusCode, json.RootElement.Clone());
    }
}
