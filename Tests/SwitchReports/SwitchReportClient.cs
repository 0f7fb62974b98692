using System.Net;
using System.Text.Json;

namespace Orleans.Bcp.Tests.SwitchReports;

/// <summary>Reads a pair's switch reports through HTTP.</summary>
public static class SwitchReportClient
{
    public static async Task<JsonElement> GetAsync(HttpClient client, string pairId, long epoch)
    {
        using var response = await client.GetAsync($"/tenant-pairs/{pairId}/switches/{epoch}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public static async Task<JsonElement[]> ListAsync(HttpClient client, string pairId)
    {
        using var response = await client.GetAsync($"/tenant-pairs/{pairId}/switches");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return [.. JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone().EnumerateArray()];
    }

    /// <summary>Polls the report of <paramref name="epoch"/> (its parts arrive one-way) until <paramref name="done"/> holds.</summary>
    public static async Task<JsonElement> EventuallyAsync(HttpClient client, string pairId, long epoch, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            using var response = await client.GetAsync($"/tenant-pairs/{pairId}/switches/{epoch}");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                if (done(report))
                {
                    return report;
                }
            }

            Assert.IsTrue(DateTime.UtcNow < until, $"the report of epoch {epoch} was not complete within 10 s: {response.StatusCode}");
            await Task.Delay(20);
        }
    }

    public static bool Has(JsonElement report, string name) => report.GetProperty(name).ValueKind != JsonValueKind.Null;

    public static DateTimeOffset Time(JsonElement report, string name) => report.GetProperty(name).GetDateTimeOffset();
}
