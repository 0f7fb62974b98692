using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orleans.Bcp.Demo;

/// <summary>
/// The running server's public HTTP API as the demo calls it: JSON in and out, one bearer token per
/// call, and every way a call can fail turned into a <see cref="DemoFailure"/> that says what to do.
/// </summary>
public sealed class DemoApi(HttpClient http)
{
    public Uri BaseAddress => http.BaseAddress!;

    public async Task<JsonObject> SendAsync(HttpMethod method, string path, string token, JsonNode? body, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var (status, text) = await SendRawAsync(method, path, token, body, cancellationToken);
        if (status != expected)
        {
            throw new DemoFailure($"{method} {path} answered {(int)status} {Describe(text)}");
        }

        return text.Length == 0 ? [] : JsonNode.Parse(text) as JsonObject ?? [];
    }

    public Task<JsonObject> GetAsync(string path, string token, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, token, null, HttpStatusCode.OK, cancellationToken);

    /// <summary>The status of a GET, for probes that may as well answer 404.</summary>
    public async Task<HttpStatusCode> ProbeAsync(string path, string token, CancellationToken cancellationToken) =>
        (await SendRawAsync(HttpMethod.Get, path, token, null, cancellationToken)).Status;

    /// <summary>Retries of one call the server refused with 429: the demo writes a few hundred entities with one token.</summary>
    private const int RateLimitedRetries = 20;

    /// <summary>
    /// One call, waited out while the server says this caller is over its rate limit (429 with Retry-After,
    /// docs/rate-limits.md): the demo is one caller writing a whole site, faster than the shipped write limit.
    /// </summary>
    private async Task<(HttpStatusCode Status, string Text)> SendRawAsync(
        HttpMethod method, string path, string token, JsonNode? body, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            var (status, text, retryAfter) = await SendOnceAsync(method, path, token, body, cancellationToken);
            if (status != HttpStatusCode.TooManyRequests || retryAfter is not { } wait || retry == RateLimitedRetries)
            {
                return (status, text);
            }

            await Task.Delay(wait, cancellationToken);
        }
    }

    private async Task<(HttpStatusCode Status, string Text, TimeSpan? RetryAfter)> SendOnceAsync(
        HttpMethod method, string path, string token, JsonNode? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.Unauthorized
                ? throw new DemoFailure(
                    $"the server at {BaseAddress} refused the demo's token (401): it must run in Development with the same Auth:DevelopmentSigningKey.")
                : (response.StatusCode, text, response.Headers.RetryAfter?.Delta);
        }
        catch (HttpRequestException ex)
        {
            var why = ex.InnerException is SocketException socket ? socket.Message : ex.Message;
            throw new DemoFailure($"no server answers at {BaseAddress} ({why}): start it first with `dotnet run --project Api`, or pass --url.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DemoFailure($"{method} {path} got no answer from {BaseAddress} within {http.Timeout.TotalSeconds:F0} s.");
        }
    }

    /// <summary>A problem's title and detail, else the body's start.</summary>
    private static string Describe(string body)
    {
        try
        {
            if (JsonNode.Parse(body) is JsonObject problem && problem["title"] is JsonValue title)
            {
                return problem["detail"] is JsonValue detail ? $"{title}: {detail}" : title.ToString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: shown as it came.
        }

        return body.Length > 200 ? body[..200] + "…" : body;
    }
}
