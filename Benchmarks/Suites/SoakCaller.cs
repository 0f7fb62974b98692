using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Sends the soak's requests: each to a live node, at most <see cref="SoakSettings.InFlight"/> at once,
/// each recorded under its kind. A request whose node is down before it is sent, or is killed while it is
/// under way, is counted as "node down" and not as the product's failure.
/// </summary>
internal sealed class SoakCaller(SoakCluster cluster, int inFlight)
{
    private readonly SemaphoreSlim _inFlight = new(inFlight, inFlight);
    private readonly ConcurrentDictionary<string, SoakKindStats> _stats = new();

    public IReadOnlyCollection<SoakKindStats> Stats => _stats.Values.OrderBy(stats => stats.Kind, StringComparer.Ordinal).ToArray();

    public SoakKindStats StatsOf(string kind) => _stats.GetOrAdd(kind, name => new SoakKindStats(name));

    public async Task<SoakAnswer> SendAsync(
        string kind, HttpMethod method, string path, string token, CancellationToken cancellationToken, object? body = null, string? ifMatch = null)
    {
        var stats = StatsOf(kind);
        await _inFlight.WaitAsync(cancellationToken);
        try
        {
            var node = cluster.AnyLiveNode();
            var client = node?.Client;
            if (node is null || client is null)
            {
                stats.RecordNodeDown();
                return new SoakAnswer(0, "", null, NodeDown: true);
            }

            var life = node.Life;
            var sentAt = DateTimeOffset.UtcNow;
            var start = Stopwatch.GetTimestamp();
            int status;
            string text = "";
            string? etag = null;
            try
            {
                using var request = new HttpRequestMessage(method, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                if (ifMatch is not null)
                {
                    request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
                }

                if (body is not null)
                {
                    request.Content = JsonContent.Create(body);
                }

                using var response = await client.SendAsync(request, cancellationToken);
                text = await response.Content.ReadAsStringAsync(cancellationToken);
                status = (int)response.StatusCode;
                etag = response.Headers.ETag?.ToString();
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or ObjectDisposedException or IOException
                && !cancellationToken.IsCancellationRequested)
            {
                status = 0;
                text = ex.Message;
            }

            if (status == 0 && (node.Life != life || !node.IsUp))
            {
                stats.RecordNodeDown();
                return new SoakAnswer(0, text, null, NodeDown: true);
            }

            stats.Record(status, ProblemType(status, text), sentAt, DateTimeOffset.UtcNow, Stopwatch.GetElapsedTime(start).TotalMilliseconds, text);
            return new SoakAnswer(status, text, etag, NodeDown: false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    /// <summary>The slug of a problem answer's <c>type</c> (<c>/problems/store-unavailable</c> → <c>store-unavailable</c>), if it is one.</summary>
    private static string? ProblemType(int status, string body)
    {
        if (status is 0 or (>= 200 and < 300) || !body.StartsWith('{'))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()!.Split('/')[^1] : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
