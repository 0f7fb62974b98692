using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Contract;

/// <summary>
/// A Development host (it serves the API document), a validator made from the document it serves,
/// clients whose every response is validated, and a pair to work on.
/// </summary>
public sealed class ContractFixture : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly List<HttpClient> _clients = [];

    private ContractFixture(TempFolder folder, ApiHost host, OpenApiResponseValidator validator)
    {
        _folder = folder;
        Host = host;
        Validator = validator;
        Operator = Client("ops", "operator-1", Permissions.Setup);
    }

    public ApiHost Host { get; }

    public OpenApiResponseValidator Validator { get; }

    /// <summary>An operator (bcp.setup) of no tenant of a pair.</summary>
    public HttpClient Operator { get; }

    public TestPair Pair { get; private set; } = null!;

    public static async Task<ContractFixture> StartAsync()
    {
        var folder = new TempFolder();
        var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")), environment: Environments.Development);
        var fixture = new ContractFixture(folder, host, new OpenApiResponseValidator(await ApiDocument.FetchAsync(host.Client)));
        fixture.Pair = await fixture.CreatePairAsync("Classics Inc.");
        return fixture;
    }

    /// <summary>A validating client whose requests carry a token for the user, tenant and permissions.</summary>
    public HttpClient Client(string tenantId, string userId, params string[] permissions) => WithToken(ApiHost.Token(tenantId, userId, permissions));

    public HttpClient WithToken(string? token)
    {
        var client = new HttpClient(new ValidatingHandler(Validator)) { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        _clients.Add(client);
        return client;
    }

    public async Task<string> CreateTenantAsync(string name, string region)
    {
        var response = await Operator.PostAsJsonAsync("/tenants", new { name, region });
        return (await ReadAsync(response, HttpStatusCode.Created))["tenantId"]!.GetValue<string>();
    }

    public async Task<TestPair> CreatePairAsync(string name)
    {
        var primary = await CreateTenantAsync(name, "us-east");
        var bcp = await CreateTenantAsync(name + " BCP", "eu-west");
        var created = await ReadAsync(await Operator.PostAsJsonAsync("/tenant-pairs", new { primaryTenantId = primary, bcpTenantId = bcp }), HttpStatusCode.Created);
        return new TestPair(created["pairId"]!.GetValue<string>(), primary, bcp, created["passkey"]!.GetValue<string>());
    }

    /// <summary>Fails unless every operation with one of <paramref name="tags"/> answered a 2xx in this fixture.</summary>
    public void AssertCovered(params string[] tags)
    {
        var answered = Validator.Answered;
        var missing = Validator.Operations
            .Where(operation => operation.Tags.Any(tags.Contains))
            .Where(operation => !answered.TryGetValue(operation.OperationId, out var statuses) || !statuses.Any(status => status is >= 200 and < 300))
            .Select(operation => operation.ToString())
            .ToList();
        Assert.AreEqual(0, missing.Count, "operations no test made answer a success: " + string.Join(", ", missing));
    }

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, body);
        return JsonNode.Parse(body)!.AsObject();
    }

    /// <summary>Asserts the status and problem type, returning the problem.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string type)
    {
        var problem = await ReadAsync(response, expected);
        Assert.AreEqual("/problems/" + type, problem["type"]?.GetValue<string>(), problem.ToJsonString());
        return problem;
    }

    public static StringContent Json(object body) => new(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content = null, string? ifMatch = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
