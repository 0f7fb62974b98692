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

    /// <summary>Every switch; with <c>--switch-loaded</c> only those to BCP, each with a sync run just started.</summary>
    public List<double> LatenciesMs { get; } = [];

    /// <summary>With <c>--switch-loaded</c>: the switches back to the primary, with no run (one cannot run while the BCP side is active).</summary>
    public List<double> QuietLatenciesMs { get; } = [];

    /// <summary>With <c>--switch-loaded</c>: the entities written into the pair's primary (<see cref="SwitchLoad"/>).</summary>
    public int? Loaded { get; init; }

    /// <summary>With <c>--switch-loaded</c>: the sync runs started just before a switch to BCP.</summary>
    public int SyncRuns { get; set; }

    /// <summary>With <c>--switch-loaded</c>: the runs the switch stopped (still under way when it committed); the others had ended before.</summary>
    public int RunsStopped { get; set; }
}
