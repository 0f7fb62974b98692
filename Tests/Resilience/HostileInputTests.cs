using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
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
        // No reminder scans: nothing in the background touches the store while the corpus runs.
        _host = await ApiHost.StartAsync(
            StoreSetup.Sqlite(Folder.File("bcp.db")),
            settings: new Dictionary<string, string?> { ["Silo:Reminders:Enabled"] = "false" },
            services: TappedStoreProvider.Install(Tap));
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
        var unfuzzed = RouteInventory.Uncovered(routes, targets);
        Assert.IsEmpty(unfuzzed, "Routes without a hostile-input generator: " + string.Join(", ", unfuzzed));
        var cases = Only(new CorpusBuilder(_world, new Random(seed)).Build(targets, routes, ReadInt("BCP_FUZZ_MIN_CASES") ?? DefaultMinimumCases));
        var before = await ConfigClient.SnapshotAsync(_host);
        var writesBefore = Tap.Written.Count;
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
        var written = Tap.Written.Skip(writesBefore).ToList();
        if (written.Count > 0)
        {
            failures.Add($"store written: {string.Join(", ", written.Distinct().Take(20))}; while these cases were in flight: {string.Join(",", report.WrittenMeanwhile().Take(50))}");
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
