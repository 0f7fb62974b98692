using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>A pair on one host whose active side the suite flips back and forth.</summary>
internal sealed class SwitchTarget(StoreKind store, ApiServer api, BenchPair pair, HttpClient client, string build = "current")
{
    public StoreKind Store { get; } = store;

    /// <summary>"current", or "baseline" for the build given with <c>--baseline-api</c>.</summary>
    public string Build { get; } = build;

    public ApiServer Api { get; } = api;

    public BenchPair Pair { get; } = pair;

    public HttpClient Client { get; } = client;

    /// <summary>A new pair is active on its primary side, so the first switch goes to BCP.</summary>
    public string NextSide { get; set; } = "bcp";

    public List<double> LatenciesMs { get; } = [];

    /// <summary>With <c>--switch-loaded</c>: the entities written into the pair's primary (<see cref="SwitchLoad"/>).</summary>
    public int? Loaded { get; init; }

    /// <summary>With <c>--switch-loaded</c>: the sync runs started on the pair while its switches were measured.</summary>
    public int SyncRuns { get; set; }
}
