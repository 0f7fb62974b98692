using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Api.Pairs;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>Typed calls to the API as its clients make them.</summary>
public static class BcpClient
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    public static async Task<TestPair> CreatePairAsync(ApiHost host, string name = "Classics Inc.")
    {
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var primary = await CreateTenantAsync(operatorClient, name, "us-east");
        var bcp = await CreateTenantAsync(operatorClient, name + " BCP", "eu-west");
        var response = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<PairStatusDocument>(Json))!;
        return new TestPair(created.PairId, primary, bcp, created.Passkey!);
    }

    public static async Task<string> CreateTenantAsync(HttpClient operatorClient, string name, string region)
    {
        var response = await operatorClient.PostAsJsonAsync("/tenants", new { name, region });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenantId").GetString()!;
    }

    public static Task<HttpResponseMessage> SwitchAsync(HttpClient client, string pairId, string side, string? passkey, string? reason = null) =>
        client.PutAsJsonAsync($"/tenant-pairs/{pairId}/active-side", new { side, passkey, reason });

    public static async Task<PairStatusDocument> ReadStatusAsync(HttpResponseMessage response)
    {
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<PairStatusDocument>(Json))!;
    }

    public static async Task<PairStatusDocument> GetStatusAsync(HttpClient client, string pairId) =>
        await ReadStatusAsync(await client.GetAsync($"/tenant-pairs/{pairId}"));

    public static async Task<IReadOnlyList<AuditEntryDocument>> GetAuditAsync(HttpClient client, string pairId, int limit = 500)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/audit?limit={limit}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<AuditEntryDocument>>(Json))!;
    }

    public static async Task<JsonElement> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, body);
        Assert.AreEqual("application/problem+json", response.Content.Headers.ContentType?.MediaType, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        BcpApi.ConfigureJson(options);
        return options;
    }
}
