using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Orleans.Bcp.Tests.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// The hostile-input suite: a generated corpus of inputs that must be refused, sent to every route
/// of a real API (Kestrel, SQLite) holding a pair, users, a script and a synced copy. Nothing may
/// answer 5xx, every refusal is a problem, and the store is the same afterwards.
/// Replay: <c>BCP_FUZZ_SEED</c> (the printed seed), <c>BCP_FUZZ_ONLY</c> (case numbers, comma-separated),
/// <c>BCP_FUZZ_MIN_CASES</c> (corpus size).
/// </summary>
[TestClass]
[TestCategory("Resilience")]
public sealed class HostileInputTests
{
    private const int DefaultMinimumCases = 4_000;
    private const int Parallelism = 4;
    private static readonly TimeSpan CaseTimeout = TimeSpan.FromSeconds(30);

    private static readonly TempFolder Folder = new();
    private static readonly WriteTap Tap = new();
    private static ApiHost _host = null!;
    private static FuzzWorld _world = null!;

    public TestContext TestContext { get; set; } = null!;

    [ClassInitialize]
    public static async Task InitializeAsync(TestContext context)
    {
        _host = await ApiHost.StartAsync(StoreSetup.Sqlite(Folder.File("bcp.db")), services: TappedStoreProvider.Install(Tap));
        _world = await FuzzWorld.CreateAsync(_host);
    }

    [ClassCleanup]
    public static async Task CleanupAsync()
    {
        await _host.DisposeAsync();
        Folder.Dispose();
    }

    [TestMethod]
    public void Catalog_CoversEveryMappedRoute()
    {
        var routes = RouteInventory.Read(_host.Services);
        var targets = RouteCatalog.Targets(_world);

        var missing = RouteInventory.Uncovered(routes, targets);

        Assert.IsEmpty(missing, "Routes without a hostile-input generator (add them to RouteCatalog): " + string.Join(", ", missing));
        var unmapped = targets.Where(target => !RouteInventory.Maps(routes, target)).Select(target => target.Route).Distinct();
        TestContext.WriteLine($"{RouteInventory.Keys(routes).Count} routes mapped; catalog entries not mapped on this build: {string.Join(", ", unmapped)}");
    }

    [TestMethod]
    public async Task EveryRoute_HostileCorpus_IsRefusedWithProblemsAndWritesNothing()
    {
        var seed = ReadSeed();
        TestContext.WriteLine($"hostile-input seed {seed} (replay with BCP_FUZZ_SEED={seed})");
        var routes = RouteInventory.Read(_host.Services);
        var targets = RouteCatalog.Targets(_world).Where(target => RouteInventory.Maps(routes, target)).ToList();
        // A route the catalog does not know is still attacked (path, credentials, methods), then fails the test below.
        var unknown = RouteInventory.Uncovered(routes, targets);
        var anonymous = RouteInventory.Anonymous(_host.Services);
        targets.AddRange(unknown.Select(route => RouteCatalog.Generic(_world, route, anonymous.Contains(route[(route.IndexOf(' ') + 1)..]))));
        var cases = Only(new CorpusBuilder(_world, new Random(seed)).Build(targets, routes, ReadInt("BCP_FUZZ_MIN_CASES") ?? DefaultMinimumCases));
        var before = await ConfigClient.SnapshotAsync(_host);
        var report = new FuzzReport();

        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (fuzzCase, _) =>
            report.Add(await SendAsync(fuzzCase)));
        stopwatch.Stop();

        var after = await ConfigClient.SnapshotAsync(_host);
        TestContext.WriteLine(report.Summary(seed, stopwatch.Elapsed));
        foreach (var line in report.ProtocolRefusals())
        {
            TestContext.WriteLine("  refused by Kestrel: " + line);
        }

        var failures = report.Failures(seed).ToList();
        var changed = before.Keys.Union(after.Keys).Where(key => before.GetValueOrDefault(key) != after.GetValueOrDefault(key)).ToList();
        if (changed.Count > 0)
        {
            // The tap also sees writes that change nothing (an idempotent create that conflicts),
            // so it only names suspects once the snapshot proves that something was written.
            failures.Add($"store changed: {string.Join(", ", changed.Take(20))}; written while these cases were in flight:\n    "
                + string.Join("\n    ", report.WrittenMeanwhile().Take(20)));
        }

        foreach (var failure in failures)
        {
            TestContext.WriteLine("  FAIL " + failure);
        }

        // What the server logged for its 5xx answers: the exception behind each.
        foreach (var error in _host.Logs.Lines.Where(line => line.StartsWith("Error ", StringComparison.Ordinal)).Select(FirstLines).Distinct().Take(20))
        {
            TestContext.WriteLine("  server error: " + error);
        }

        Assert.IsEmpty(failures, $"{failures.Count} kinds of wrong answers (seed {seed}):\n" + string.Join("\n", failures));
        StoreSnapshot.AssertUnchanged(before, after);
        Assert.IsEmpty(unknown, "Routes with only generic abuse (path, credentials, methods) — add them to RouteCatalog: " + string.Join(", ", unknown));
    }

    // Regression tests: each input below once made the API answer wrongly; the fuzzer found it.

    [TestMethod]
    [DataRow("POST", "/tenants", "{\"name\":\"Fuzz Tenant\",\"region\":\"ap-south\"}", "application/json; charset=bogus")]
    [DataRow("PUT", "/tenant-pairs/{pairId}/sync", "{\"enabled\":false}", "application/json; charset=bogus")]
    [DataRow("POST", "/tenants/{tenantId}/skills", "{\"name\":\"Fuzz skill\"}", "application/json; charset=utf-16")]
    public async Task Body_JsonWithAnotherCharset_Is415ProblemAndWritesNothing(string method, string path, string body, string contentType)
    {
        // Was a 500: the framework's binding throws InvalidOperationException on an unknown charset.
        var response = await SendUnchangedAsync(method, path, body, ("Content-Type", contentType));

        AssertProblem(response, 415, "/problems/unsupported-media-type");
    }

    [TestMethod]
    [DataRow("POST", "/tenants/{tenantId}/skills")]
    [DataRow("PUT", "/tenants/{tenantId}/business-unit-settings")]
    public async Task Body_ChunkSizeThatOverflows_Is400ProblemAndWritesNothing(string method, string path)
    {
        // Was a 500: Kestrel reports the overflow as a plain IOException ("Bad chunk size data").
        var response = await SendUnchangedAsync(method, path, "ffffffffffffffffff\r\n{}\r\n0\r\n\r\n",
            ("Content-Type", "application/json"), ("Transfer-Encoding", "chunked"));

        AssertProblem(response, 400, "/problems/validation");
    }

    [TestMethod]
    [DataRow("DELETE", "/me", null, 405)]
    [DataRow("PATCH", "/tenants/{tenantId}/skills", null, 405)]
    [DataRow("POST", "/tenants", "{\"name\":", 400)]
    [DataRow("PUT", "/tenant-pairs/{pairId}/sync", "[]", 400)]
    public async Task Error_AcceptWithoutJson_IsStillAProblem(string method, string path, string? body, int status)
    {
        // Were text/plain ("Status Code: 405; Method Not Allowed") or a bare 400 (a body that failed
        // to bind): the default problem writer declines when Accept names no JSON type.
        var response = await SendUnchangedAsync(method, path, body, ("Content-Type", "application/json"), ("Accept", "text/html"));

        AssertProblem(response, status);
    }

    [TestMethod]
    [DataRow("POST", "/tenants", "{\"name\":\"Fuzz Tenant\",\"name\":\"Fuzz Tenant\",\"region\":\"ap-south\"}")]
    [DataRow("PUT", "/tenant-pairs/{pairId}/active-side", "{\"side\":\"bcp\",\"side\":\"bcp\",\"passkey\":\"{passkey}\"}")]
    [DataRow("PUT", "/tenant-pairs/{pairId}/sync", "{\"enabled\":false,\"enabled\":false}")]
    public async Task TypedBody_DuplicateProperty_Is400AndWritesNothing(string method, string path, string body)
    {
        // Were accepted (last one wins): a tenant created, a pair switched with the right passkey.
        var response = await SendUnchangedAsync(method, path, body, ("Content-Type", "application/json"));

        AssertProblem(response, 400, "/problems/bad-request");
    }

    [TestMethod]
    [DataRow("/tenant-pairs/{pairId}/active-side", "{\"side\":\"primary,bcp\",\"passkey\":\"{passkey}\"}")]
    [DataRow("/tenant-pairs/{pairId}/active-side", "{\"side\":\"bcp \",\"passkey\":\"{passkey}\"}")]
    [DataRow("/tenant-pairs/{pairId}/active-side", "{\"side\":\" primary\",\"passkey\":\"{passkey}\"}")]
    [DataRow("/tenant-pairs/{pairId}/sync", "{\"enabled\":false,\"mode\":\"default,custom\",\"entityTypes\":[\"skills\"]}")]
    public async Task Enum_ListOrPaddedName_Is400AndWritesNothing(string path, string body)
    {
        // Were accepted: "primary,bcp" read as a flags combination (= bcp) switched the pair.
        var response = await SendUnchangedAsync("PUT", path, body, ("Content-Type", "application/json"));

        AssertProblem(response, 400, "/problems/bad-request");
    }

    [TestMethod]
    [DataRow("/tenants", "{\"name\":\"Fuzz Tenant\",\"region\":\"us-east\\n\"}", "region")]
    [DataRow("/tenant-pairs", "{\"primaryTenantId\":\"{unpairedPrimary}\\n\",\"bcpTenantId\":\"{unpairedBcp}\"}", "primaryTenantId")]
    public async Task Pattern_TrailingLineFeed_Is400AndWritesNothing(string path, string body, string field)
    {
        // Were a tenant in region "us-east\n" (201) and an id taken as well-formed (422): "$" matches before a final \n.
        var response = await SendUnchangedAsync("POST", path, body, ("Content-Type", "application/json"));

        var problem = AssertProblem(response, 400, "/problems/validation");
        Assert.IsTrue(problem.GetProperty("errors").TryGetProperty(field, out _), response.BodyText);
    }

    [TestMethod]
    public async Task Sync_EntityTypesWithNull_Is400AndWritesNothing()
    {
        // Was accepted and stored as a type to sync.
        var response = await SendUnchangedAsync("PUT", "/tenant-pairs/{pairId}/sync",
            "{\"enabled\":false,\"mode\":\"custom\",\"entityTypes\":[null]}", ("Content-Type", "application/json"));

        AssertProblem(response, 400, "/problems/validation");
    }

    [TestMethod]
    [DataRow("/tenant-pairs/{pairId}/audit?limit=1%00")]
    [DataRow("/tenant-pairs/{pairId}/sync/runs?limit=1%00")]
    [DataRow("/tenants/{tenantId}/skills?pageSize=1%00")]
    public async Task Query_NumberWithTrailingNul_Is400(string path)
    {
        // Were a limit of 1: int.TryParse ignores trailing NUL characters.
        var response = await SendUnchangedAsync("GET", path, null);

        AssertProblem(response, 400, "/problems/validation");
    }

    /// <summary>Sends as the world's admin (placeholders filled in) and asserts that the store did not change.</summary>
    private static async Task<RawResponse> SendUnchangedAsync(string method, string path, string? body, params (string Name, string Value)[] headers)
    {
        string Fill(string text) => text
            .Replace("{pairId}", _world.Pair.PairId, StringComparison.Ordinal)
            .Replace("{tenantId}", _world.Pair.PrimaryTenantId, StringComparison.Ordinal)
            .Replace("{passkey}", _world.Pair.Passkey, StringComparison.Ordinal)
            .Replace("{unpairedPrimary}", _world.UnpairedPrimary, StringComparison.Ordinal)
            .Replace("{unpairedBcp}", _world.UnpairedBcp, StringComparison.Ordinal);
        var request = new RawRequest
        {
            Method = method,
            Target = Fill(path),
            Headers = [new("Authorization", "Bearer " + _world.AdminToken), .. headers.Select(header => new KeyValuePair<string, string>(header.Name, header.Value))],
            Body = body is null ? [] : Encoding.UTF8.GetBytes(Fill(body)),
        };
        var before = await ConfigClient.SnapshotAsync(_host);

        var response = await RawHttp.SendAsync(_host.BaseAddress.Port, request, CaseTimeout);

        StoreSnapshot.AssertUnchanged(before, await ConfigClient.SnapshotAsync(_host));
        return response;
    }

    private static JsonElement AssertProblem(RawResponse response, int status, string? type = null)
    {
        Assert.AreEqual(status, response.Status, response.BodyText);
        Assert.AreEqual("application/problem+json", response.MediaType, response.BodyText);
        var problem = JsonDocument.Parse(response.Body).RootElement.Clone();
        Assert.AreEqual(status, problem.GetProperty("status").GetInt32(), response.BodyText);
        if (type is not null)
        {
            Assert.AreEqual(type, problem.GetProperty("type").GetString(), response.BodyText);
        }

        return problem;
    }

    private static async Task<FuzzOutcome> SendAsync(FuzzCase fuzzCase)
    {
        var writes = Tap.Written.Count;
        try
        {
            var response = await RawHttp.SendAsync(_host.BaseAddress.Port, fuzzCase.Request, CaseTimeout);
            return new FuzzOutcome(fuzzCase, response, null, Tap.Written.Count != writes);
        }
        catch (Exception ex) when (ex is TimeoutException or SocketException or IOException)
        {
            return new FuzzOutcome(fuzzCase, RawResponse.None, $"{ex.GetType().Name}: {ex.Message}", Tap.Written.Count != writes);
        }
    }

    private static string FirstLines(string logLine) => string.Join(" ⏎ ", logLine.Split('\n').Take(4));

    private static int ReadSeed() => ReadInt("BCP_FUZZ_SEED") ?? Random.Shared.Next();

    private static int? ReadInt(string variable) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static IReadOnlyList<FuzzCase> Only(IReadOnlyList<FuzzCase> cases)
    {
        var only = Environment.GetEnvironmentVariable("BCP_FUZZ_ONLY");
        if (string.IsNullOrWhiteSpace(only))
        {
            return cases;
        }

        var wanted = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(int.Parse).ToHashSet();
        return [.. cases.Where(c => wanted.Contains(c.Index))];
    }
}
