using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The end checks' requests, after the load: to any live node, retried while the answer is no answer or
/// a 5xx (the cluster settling after the last fault), not counted in the load's figures.
/// </summary>
internal sealed class SoakReader(SoakCluster cluster)
{
    private const int Attempts = 10;
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private readonly SoakCaller _caller = new(cluster, 8);

    public async Task<SoakAnswer> SendAsync(HttpMethod method, string path, string token, CancellationToken cancellationToken, object? body = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var answer = await _caller.SendAsync("end checks", method, path, token, cancellationToken, body);
            if (!answer.IsUncertain || attempt == Attempts)
            {
                return answer;
            }

            await Task.Delay(RetryAfter, cancellationToken);
        }
    }

    public async Task<JsonElement> GetAsync(string path, string token, CancellationToken cancellationToken)
    {
        var answer = await SendAsync(HttpMethod.Get, path, token, cancellationToken);
        return answer.IsSuccess ? answer.Json() : throw new InvalidOperationException($"GET {path} answered {answer.Status}: {answer.Body}");
    }

    /// <summary>Every item of a configuration listing, page after page.</summary>
    public async Task<List<JsonElement>> ListAsync(string tenantId, string type, string token, CancellationToken cancellationToken)
    {
        var items = new List<JsonElement>();
        string? continuation = null;
        do
        {
            var path = $"/tenants/{tenantId}/{type}?pageSize=1000" + (continuation is null ? "" : "&continuationToken=" + Uri.EscapeDataString(continuation));
            var page = await GetAsync(path, token, cancellationToken);
            items.AddRange(page.GetProperty("items").EnumerateArray());
            continuation = page.GetProperty("continuationToken").GetString();
        }
        while (continuation is not null);
        return items;
    }
}
