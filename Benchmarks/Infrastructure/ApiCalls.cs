using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>The few API calls the harness makes, as the Api's clients make them (see Tests/Infrastructure/BcpClient.cs).</summary>
internal static class ApiCalls
{
    /// <summary>
    /// A client for load: its own connection pool, no proxy, no cookies, and more connections than
    /// workers so no request waits for a connection.
    /// </summary>
    public static HttpClient CreateClient(Uri baseAddress, string? token)
    {
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            UseCookies = false,
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
        };
        var client = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    public static async Task<BenchPair> CreatePairAsync(HttpClient operatorClient, string name, CancellationToken cancellationToken)
    {
        var primary = await CreateTenantAsync(operatorClient, name, "us-east", cancellationToken);
        var bcp = await CreateTenantAsync(operatorClient, name + " BCP", "eu-west", cancellationToken);
        using var response = await operatorClient.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp }, cancellationToken);
        var body = await ExpectAsync(response, HttpStatusCode.Created, "POST /tenant-pairs", cancellationToken);
        return new BenchPair(body.GetProperty("pairId").GetString()!, primary, bcp, body.GetProperty("passkey").GetString()!);
    }

    public static async Task<JsonElement> GetStatusAsync(HttpClient client, string pairId, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync($"/tenant-pairs/{pairId}", cancellationToken);
        return await ExpectAsync(response, HttpStatusCode.OK, "GET /tenant-pairs/{pairId}", cancellationToken);
    }

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != expected)
        {
            throw new ApiCallException($"{what} answered {(int)response.StatusCode} instead of {(int)expected}: {text}", response.StatusCode, response.Headers.RetryAfter?.Delta);
        }

        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    private static async Task<string> CreateTenantAsync(HttpClient operatorClient, string name, string region, CancellationToken cancellationToken)
    {
        using var response = await operatorClient.PostAsJsonAsync("/tenants", new { name, region }, cancellationToken);
        var body = await ExpectAsync(response, HttpStatusCode.Created, "POST /tenants", cancellationToken);
        return body.GetProperty("tenantId").GetString()!;
    }
}
