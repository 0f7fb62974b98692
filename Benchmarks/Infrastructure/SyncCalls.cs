using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>The sync routes as the admin UI calls them (docs/sync.md): written against the HTTP contract, not the server's types.</summary>
internal static class SyncCalls
{
    /// <summary><c>PUT /tenant-pairs/{pairId}/sync</c> with <c>{"enabled":true,"mode":"default"}</c> (needs <c>bcp.sync.edit</c>).</summary>
    public static async Task EnableAsync(HttpClient client, string pairId, CancellationToken cancellationToken)
    {
        using var response = await client.PutAsJsonAsync($"/tenant-pairs/{pairId}/sync", new { enabled = true, mode = "default" }, cancellationToken);
        var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "PUT /tenant-pairs/{pairId}/sync", cancellationToken);
        if (!body.GetProperty("enabled").GetBoolean())
        {
            throw new InvalidOperationException($"Sync is not enabled after enabling it: {body}");
        }
    }

    /// <summary><c>POST /tenant-pairs/{pairId}/sync/runs</c> → 202 <c>{"runId"}</c>; a 409 means one runs already, which the harness never expects.</summary>
    public static async Task<string> StartRunAsync(HttpClient client, string pairId, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsync($"/tenant-pairs/{pairId}/sync/runs", null, cancellationToken);
        var body = await ApiCalls.ExpectAsync(response, HttpStatusCode.Accepted, "POST /tenant-pairs/{pairId}/sync/runs", cancellationToken);
        return body.GetProperty("runId").GetString()!;
    }

    /// <summary><c>GET /tenant-pairs/{pairId}/sync/runs/{runId}</c>: the run report (outcome, startedAt, finishedAt, counts, warnings, error).</summary>
    public static async Task<JsonElement> GetRunAsync(HttpClient client, string pairId, string runId, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/tenant-pairs/{pairId}/sync/runs/{runId}", cancellationToken);
        return await ApiCalls.ExpectAsync(response, HttpStatusCode.OK, "GET /tenant-pairs/{pairId}/sync/runs/{runId}", cancellationToken);
    }
}
