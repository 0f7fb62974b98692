using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>Calls to the configuration API as the admin UI makes them, with the assertions every caller wants.</summary>
public static class ConfigClient
{
    public static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string tenantId, string type, object body) =>
        SendAsync(client, HttpMethod.Post, $"/tenants/{tenantId}/{type}", Json(body));

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string tenantId, string type, string id, object body, string? ifMatch = null) =>
        SendAsync(client, HttpMethod.Put, $"/tenants/{tenantId}/{type}/{id}", Json(body), ifMatch);

    /// <summary>Creates an entity and returns it as answered (id first), with its ETag.</summary>
    public static async Task<Entity> CreateAsync(HttpClient client, string tenantId, string type, object body)
    {
        var response = await PostAsync(client, tenantId, type, body);
        var entity = await ReadEntityAsync(response, HttpStatusCode.Created);
        Assert.AreEqual($"/tenants/{tenantId}/{type}/{entity.Id}", response.Headers.Location?.OriginalString);
        return entity;
    }

    public static async Task<string> CreateIdAsync(HttpClient client, string tenantId, string type, object body) =>
        (await CreateAsync(client, tenantId, type, body)).Id;

    public static async Task<Entity> GetAsync(HttpClient client, string tenantId, string type, string id) =>
        await ReadEntityAsync(await client.GetAsync($"/tenants/{tenantId}/{type}/{id}"), HttpStatusCode.OK);

    /// <summary>Every entity of a type, page by page, asserting that every page but the last hands on a token.</summary>
    public static async Task<(List<JsonObject> Items, int Pages)> ListAllAsync(HttpClient client, string tenantId, string type, int pageSize)
    {
        var items = new List<JsonObject>();
        string? token = null;
        var pages = 0;
        do
        {
            var path = $"/tenants/{tenantId}/{type}?pageSize={pageSize}" + (token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}");
            var response = await client.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, body);
            var page = JsonNode.Parse(body)!.AsObject();
            var pageItems = page["items"]!.AsArray().Select(item => item!.AsObject()).ToList();
            Assert.IsLessThanOrEqualTo(pageSize, pageItems.Count);
            items.AddRange(pageItems);
            Assert.IsTrue(page.ContainsKey("continuationToken"), body);
            token = page["continuationToken"]?.GetValue<string>();
            pages++;
        }
        while (token is not null && pages < 1000);
        return (items, pages);
    }

    public static async Task<Entity> ReadEntityAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, body);
        var json = JsonNode.Parse(body)!.AsObject();
        Assert.AreEqual("id", json.First().Key, $"id comes first: {body}");
        var etag = response.Headers.ETag;
        Assert.IsNotNull(etag, "an ETag header");
        Assert.IsFalse(etag.IsWeak);
        return new Entity(json["id"]!.GetValue<string>(), etag.Tag, json);
    }

    public static async Task<string> ProblemTypeAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        (await BcpClient.ReadProblemAsync(response, expected)).GetProperty("type").GetString()!;

    public static string Json(object body) => body as string ?? JsonSerializer.Serialize(body, BcpClient.Json);

    /// <summary>Every key and ETag of every store the host uses.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> SnapshotAsync(ApiHost host)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var store in host.Services.GetRequiredService<IObjectStoreProvider>().All.Select(entry => entry.Store).Distinct())
        {
            foreach (var (key, etag) in await StoreSnapshot.TakeAsync(store))
            {
                result[$"{store.GetHashCode()}:{key}"] = etag;
            }
        }

        return result;
    }

    public static AuthenticationHeaderValue Bearer(string token) => new("Bearer", token);
}
