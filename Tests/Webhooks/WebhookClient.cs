using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Bcp.Tests.Webhooks;

/// <summary>Calls to the webhook endpoints as a client makes them.</summary>
public static class WebhookClient
{
    /// <summary>Registers a webhook and returns its id and secret.</summary>
    public static async Task<(string WebhookId, string Secret)> RegisterAsync(HttpClient client, string pairId, string url, params string[] events)
    {
        var response = await client.PostAsJsonAsync($"/tenant-pairs/{pairId}/webhooks", new { url, events });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        var created = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (created.GetProperty("webhookId").GetString()!, created.GetProperty("secret").GetString()!);
    }

    public static async Task<List<JsonElement>> DeliveriesAsync(HttpClient client, string pairId, string webhookId) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/tenant-pairs/{pairId}/webhooks/{webhookId}/deliveries")).EnumerateArray()];

    /// <summary>Waits until the webhook's deliveries satisfy <paramref name="done"/>.</summary>
    public static async Task<List<JsonElement>> WaitForDeliveriesAsync(
        HttpClient client, string pairId, string webhookId, Func<List<JsonElement>, bool> done, TimeSpan within)
    {
        var deadline = DateTimeOffset.UtcNow + within;
        List<JsonElement> deliveries;
        do
        {
            deliveries = await DeliveriesAsync(client, pairId, webhookId);
            if (done(deliveries))
            {
                return deliveries;
            }

            await Task.Delay(100);
        }
        while (DateTimeOffset.UtcNow < deadline);

        Assert.Fail($"Deliveries not as expected within {within}: {JsonSerializer.Serialize(deliveries)}");
        return deliveries;
    }
}
