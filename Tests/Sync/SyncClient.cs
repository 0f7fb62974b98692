using System.Net;
using System.Net.Http.Json;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>Sync calls as an administrator makes them.</summary>
public static class SyncClient
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(120);

    public static async Task<SyncSettingsDocument> ConfigureAsync(
        HttpClient client, string pairId, bool enabled = true, string mode = "default", string[]? entityTypes = null, bool rewriteScriptIds = false,
        string? dailyAt = null)
    {
        var response = await client.PutAsJsonAsync($"/tenant-pairs/{pairId}/sync", new { enabled, mode, entityTypes, rewriteScriptIds, dailyAt });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SyncSettingsDocument>(BcpClient.Json))!;
    }

    public static async Task<SyncSettingsDocument> GetSettingsAsync(HttpClient client, string pairId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/sync");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SyncSettingsDocument>(BcpClient.Json))!;
    }

    /// <summary>Starts a run ("run now") and returns its id.</summary>
    public static async Task<string> StartAsync(HttpClient client, string pairId)
    {
        var response = await client.PostAsync($"/tenant-pairs/{pairId}/sync/runs", null);
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RunIdBody>(BcpClient.Json))!.RunId;
    }

    /// <summary>Runs now and waits for the run's end.</summary>
    public static async Task<SyncRunReport> RunAsync(HttpClient client, string pairId) =>
        await WaitAsync(client, pairId, await StartAsync(client, pairId));

    public static async Task<SyncRunReport> WaitAsync(HttpClient client, string pairId, string runId)
    {
        var deadline = DateTime.UtcNow + RunDeadline;
        while (true)
        {
            var report = await GetRunAsync(client, pairId, runId);
            if (report.Outcome != SyncOutcome.Running)
            {
                return report;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, $"Run {runId} did not end within {RunDeadline}.");
            await Task.Delay(20);
        }
    }

    public static async Task<SyncRunReport> GetRunAsync(HttpClient client, string pairId, string runId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/sync/runs/{runId}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<SyncRunReport>(BcpClient.Json))!;
    }

    public static async Task<IReadOnlyList<SyncRunReport>> GetRunsAsync(HttpClient client, string pairId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/sync/runs?limit=50");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<SyncRunReport>>(BcpClient.Json))!;
    }

    /// <summary>The BCP id correlated with a primary id, or null (404).</summary>
    public static async Task<string?> BcpIdOfAsync(HttpClient client, string pairId, string type, string primaryId)
    {
        var response = await client.GetAsync($"/tenant-pairs/{pairId}/correlations/{type}/{primaryId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<CorrelationBody>(BcpClient.Json))!.BcpId;
    }

    private sealed record RunIdBody(string RunId);

    private sealed record CorrelationBody(string PrimaryId, string BcpId, bool Synced);
}
