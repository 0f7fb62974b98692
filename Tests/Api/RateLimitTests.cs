using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Api;

/// <summary>
/// Per-caller rate limits (Api/Hosting/RateLimiting.cs) through real HTTP: a caller over its limit gets a 429
/// <c>rate-limited</c> problem with Retry-After and its request does nothing, while other callers are served;
/// the login service's hot reads have their own, far higher limit.
/// </summary>
[TestClass]
// Alone: its buckets refill on real time, so a starved run could refill one between two requests.
[DoNotParallelize]
public sealed class RateLimitTests
{
    /// <summary>Small buckets refilled slowly, so a test empties one in a few requests and none refills by chance meanwhile.</summary>
    private static readonly Dictionary<string, string?> SmallLimits = new()
    {
        ["RateLimits:Writes:Burst"] = "3",
        ["RateLimits:Writes:Refill"] = "3",
        ["RateLimits:Writes:Period"] = "00:00:04",
        ["RateLimits:Costly:Burst"] = "2",
        ["RateLimits:Costly:Refill"] = "2",
        ["RateLimits:Costly:Period"] = "00:00:04",
    };

    private readonly TempFolder _folder = new();

    [TestCleanup]
    public void Cleanup() => _folder.Dispose();

    [TestMethod]
    public async Task Writes_OverTheCallersLimit_Are429WithRetryAfter_WriteNothing_AndOtherCallersAreServed()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: SmallLimits);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var tenant = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        using var editor = host.ClientFor(tenant, "admin-1", Permissions.TenantConfigEdit);
        using var otherEditor = host.ClientFor(tenant, "admin-2", Permissions.TenantConfigEdit);

        var (created, refused) = await WriteUntilRefusedAsync(editor, tenant, "admin-1");
        Assert.IsTrue(created.Count >= 3, $"the burst of 3 is served first; served {created.Count}");
        var problem = await BcpClient.ReadProblemAsync(refused.Response, HttpStatusCode.TooManyRequests);
        Assert.AreEqual("/problems/rate-limited", problem.GetProperty("type").GetString());
        Assert.AreEqual("writes", problem.GetProperty("limit").GetString());
        Assert.AreEqual(429, problem.GetProperty("status").GetInt32());
        var retryAfter = RetryAfterSeconds(refused.Response);
        Assert.IsTrue(retryAfter is >= 1 and <= 4, $"Retry-After {retryAfter} s: the bucket's next refill");
        Assert.IsTrue(refused.Response.Headers.CacheControl?.NoStore == true, "a refused write is no-store like every write");

        // At the same moment, another caller of the same tenant writes.
        var other = await otherEditor.PostAsJsonAsync($"/tenants/{tenant}/users", new { username = "other@classics.example" });
        Assert.AreEqual(HttpStatusCode.Created, other.StatusCode, await other.Content.ReadAsStringAsync());

        var usernames = await UsernamesAsync(editor, tenant);
        CollectionAssert.DoesNotContain(usernames, refused.Username, "the refused write was not applied");
        CollectionAssert.IsSubsetOf(created, usernames);

        // Once Retry-After has passed the caller is served again.
        var deadline = DateTime.UtcNow.AddSeconds(retryAfter + 10);
        HttpResponseMessage again;
        do
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            again = await editor.PostAsJsonAsync($"/tenants/{tenant}/users", new { username = "again@classics.example" });
        }
        while (again.StatusCode == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline);
        Assert.AreEqual(HttpStatusCode.Created, again.StatusCode, await again.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task CostlyReads_ShareTheCallersCostlyLimit_AndOtherCallersAreServed()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?>(SmallLimits)
        {
            ["RateLimits:Writes:Burst"] = "100",
        });
        var pair = await BcpClient.CreatePairAsync(host);
        using var reader = host.ClientFor(pair.PrimaryTenantId, "reader-1");
        using var otherReader = host.ClientFor(pair.PrimaryTenantId, "reader-2");

        HttpResponseMessage refused;
        var served = 0;
        while (true)
        {
            refused = await reader.GetAsync($"/tenant-pairs/{pair.PairId}/readiness");
            if (refused.StatusCode != HttpStatusCode.OK)
            {
                break;
            }

            Assert.IsTrue(++served < 10, "readiness is never refused");
        }

        Assert.IsTrue(served >= 2, $"the burst of 2 is served first; served {served}");
        var problem = await BcpClient.ReadProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.AreEqual("costly", problem.GetProperty("limit").GetString());
        Assert.IsTrue(RetryAfterSeconds(refused) >= 1);

        // The audit and the script checklist take from the same bucket; the status read takes from none.
        Assert.AreEqual(HttpStatusCode.TooManyRequests, (await reader.GetAsync($"/tenant-pairs/{pair.PairId}/audit")).StatusCode);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, (await reader.GetAsync($"/tenant-pairs/{pair.PairId}/scripts/checklist")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await reader.GetAsync($"/tenant-pairs/{pair.PairId}")).StatusCode);

        Assert.AreEqual(HttpStatusCode.OK, (await otherReader.GetAsync($"/tenant-pairs/{pair.PairId}/audit")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await otherReader.GetAsync($"/tenant-pairs/{pair.PairId}/scripts/checklist")).StatusCode);
    }

    [TestMethod]
    public async Task LoginServiceTokens_FarAboveTheOtherLimits_AreNeverRefused()
    {
        // The shipped login-service limit; writes and costly requests as small as in the tests above.
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?>(SmallLimits)
        {
            ["RateLimits:Writes:Burst"] = "100",
        });
        var pair = await BcpClient.CreatePairAsync(host);
        using var admin = host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.TenantConfigEdit);
        (await admin.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/users", new { username = "agent@classics.example" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/tenants/{pair.PrimaryTenantId}/points-of-contact",
            new { name = "Sales", channel = "voice", address = "+14155550100" })).EnsureSuccessStatusCode();
        using var login = host.ClientFor("platform", "login-service", Permissions.LoginRead);

        // 1,000 hot reads, 32 at a time: 500 times the costly burst, each by the same caller.
        var statuses = new HttpStatusCode[1000];
        await Parallel.ForEachAsync(Enumerable.Range(0, statuses.Length), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, token) =>
        {
            using var response = await login.GetAsync(i % 2 == 0 ? "/login/options?username=agent%40classics.example" : "/routing/voice?address=%2B14155550100", token);
            statuses[i] = response.StatusCode;
        });
        var answers = statuses.GroupBy(status => status).ToDictionary(group => group.Key, group => group.Count());
        Assert.AreEqual(statuses.Length, answers.GetValueOrDefault(HttpStatusCode.OK), "every hot read answered: " + string.Join(", ", answers));
    }

    [TestMethod]
    public async Task LoginServiceTokens_HaveTheirOwnLimit_PerCaller()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: new Dictionary<string, string?>
        {
            ["RateLimits:LoginService:Burst"] = "5",
            ["RateLimits:LoginService:Refill"] = "5",
            ["RateLimits:LoginService:Period"] = "00:00:30",
        });
        using var login = host.ClientFor("platform", "login-service-1", Permissions.LoginRead);
        using var otherLogin = host.ClientFor("platform", "login-service-2", Permissions.LoginRead);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await login.GetAsync("/routing/voice?address=%2B14155550199")).StatusCode);
        }

        Assert.AreEqual(5, statuses.Count(status => status == HttpStatusCode.NotFound), "the burst of 5 is answered (no such number): " + string.Join(", ", statuses));
        var refused = await login.GetAsync("/login/options?username=nobody%40classics.example");
        var problem = await BcpClient.ReadProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.AreEqual("login-service", problem.GetProperty("limit").GetString());
        Assert.IsTrue(RetryAfterSeconds(refused) is >= 1 and <= 30);
        Assert.AreEqual(HttpStatusCode.NotFound, (await otherLogin.GetAsync("/routing/voice?address=%2B14155550199")).StatusCode, "another login service is not limited by the first");
    }

    [TestMethod]
    public async Task AnonymousWrites_AreLimitedByRemoteAddress()
    {
        // The admin console's sign-in is the anonymous write (Development only).
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), settings: SmallLimits, environment: "Development");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 6 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            statuses.Add((await host.Client.PostAsJsonAsync("/dev/tokens", new { tenantId = "ops", userId = $"operator-{i}", permissions = new[] { Permissions.Setup } })).StatusCode);
        }

        Assert.AreEqual(HttpStatusCode.TooManyRequests, statuses[^1], string.Join(", ", statuses));
        Assert.IsTrue(statuses.Count(status => status == HttpStatusCode.OK) >= 3, string.Join(", ", statuses));
    }

    [TestMethod]
    public async Task EveryWriteRoute_AndOnlyTheChosenReads_AreLimited()
    {
        await using var host = await ApiHost.StartAsync(StoreSetup.Sqlite(_folder.File("bcp.db")), environment: "Development");
        var endpoints = host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        var unlimitedWrites = endpoints
            .Where(endpoint => endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Any(method => method is "POST" or "PUT" or "PATCH" or "DELETE") == true)
            .Where(endpoint => endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null)
            .Select(endpoint => endpoint.DisplayName).ToList();
        Assert.AreEqual(0, unlimitedWrites.Count, "writes with no limit: " + string.Join(", ", unlimitedWrites));

        string? PolicyOf(string method, string pattern) => endpoints
            .Single(endpoint => endpoint.RoutePattern.RawText == pattern && endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains(method) == true)
            .Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName;
        Assert.AreEqual(RateLimits.Costly, PolicyOf("GET", "/tenant-pairs/{pairId}/readiness"));
        Assert.AreEqual(RateLimits.Costly, PolicyOf("GET", "/tenant-pairs/{pairId}/audit"));
        Assert.AreEqual(RateLimits.Costly, PolicyOf("GET", "/tenant-pairs/{pairId}/scripts/checklist"));
        Assert.AreEqual(RateLimits.Costly, PolicyOf("POST", "/tenants/{tenantId}/users/bcp-types"));
        Assert.AreEqual(RateLimits.Writes, PolicyOf("PUT", "/tenant-pairs/{pairId}/active-side"));
        Assert.IsNull(PolicyOf("GET", "/tenant-pairs/{pairId}"), "the status read is not limited");
        Assert.IsNull(PolicyOf("GET", "/alive"));
    }

    private static async Task<(List<string> Created, (HttpResponseMessage Response, string Username) Refused)> WriteUntilRefusedAsync(
        HttpClient editor, string tenant, string prefix)
    {
        var created = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var username = $"{prefix}-{i}@classics.example";
            var response = await editor.PostAsJsonAsync($"/tenants/{tenant}/users", new { username });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return (created, (response, username));
            }

            Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
            created.Add(username);
        }

        Assert.Fail($"{created.Count} writes in a row were served with a burst of 3");
        throw new InvalidOperationException();
    }

    private static async Task<List<string>> UsernamesAsync(HttpClient client, string tenant)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/tenants/{tenant}/users");
        return [.. page.GetProperty("items").EnumerateArray().Select(user => user.GetProperty("username").GetString()!)];
    }

    private static int RetryAfterSeconds(HttpResponseMessage response)
    {
        Assert.IsNotNull(response.Headers.RetryAfter?.Delta, "Retry-After in seconds");
        return (int)response.Headers.RetryAfter.Delta.Value.TotalSeconds;
    }
}
