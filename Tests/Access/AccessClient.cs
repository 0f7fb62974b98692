using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Access;

/// <summary>Calls to the user access routes as the admin UI makes them.</summary>
public static class AccessClient
{
    public static Task<HttpResponseMessage> PutBcpTypeAsync(HttpClient client, string tenantId, string userId, string bcpType) =>
        ConfigClient.SendAsync(client, HttpMethod.Put, $"/tenants/{tenantId}/users/{userId}/bcp-type", ConfigClient.Json(new { bcpType }));

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string tenantId, string csv, string? contentType = "text/csv") =>
        UploadAsync(client, tenantId, Encoding.UTF8.GetBytes(csv), contentType);

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, string tenantId, byte[] body, string? contentType = "text/csv")
    {
        var content = new ByteArrayContent(body);
        if (contentType is not null)
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        return client.PostAsync($"/tenants/{tenantId}/users/bcp-types", content);
    }

    /// <summary>The file for <paramref name="rows"/>, with the header and CRLF line ends.</summary>
    public static string Csv(IEnumerable<(string Username, string BcpType)> rows) =>
        "username,bcpType\r\n" + string.Concat(rows.Select(row => $"{row.Username},{row.BcpType}\r\n"));

    public static async Task<JsonElement> ReadOkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The bad rows of a 400 <c>csv-invalid</c> problem: line, username (or null) and error slug.</summary>
    public static async Task<IReadOnlyList<(int Line, string? Username, string Error)>> ReadInvalidRowsAsync(HttpResponseMessage response)
    {
        var problem = await BcpClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.AreEqual("/problems/csv-invalid", problem.GetProperty("type").GetString(), problem.ToString());
        return [.. problem.GetProperty("invalidRows").EnumerateArray().Select(row => (
            row.GetProperty("line").GetInt32(),
            row.TryGetProperty("username", out var username) ? username.GetString() : null,
            row.GetProperty("error").GetString()!))];
    }
}
