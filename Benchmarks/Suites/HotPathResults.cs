using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>Everything the hot-path suite measured, for its report.</summary>
internal sealed class HotPathResults
{
    public int Pairs { get; set; }

    public int Users { get; set; }

    public int VoiceAddresses { get; set; }

    public int LargeTenantUsers { get; set; }

    public TimeSpan LoadTime { get; set; }

    public int ApiProcessId { get; set; }

    public long? RssLoaded { get; set; }

    public long? RssAfterEveryUser { get; set; }

    public long? PeakDuringEveryUser { get; set; }

    public long? RssAtEnd { get; set; }

    public long? PeakOverall { get; set; }

    /// <summary>Managed bytes of the login's kept entries for every pair's full user count, measured in the harness.</summary>
    public long KeptLoginBytes { get; set; }

    public int KeptLoginUsers { get; set; }

    /// <summary>What those kept entries say they weigh (the figure the configured bound is checked against).</summary>
    public long KeptLoginWeight { get; set; }

    /// <summary>The in-process bound check: usernames kept under a small bound, the heap they left, the most they weighed.</summary>
    public (long MaxBytes, int Usernames, long HeapBytes, long MostWeight) BoundedLogins { get; set; }

    public LoadResult? EveryUserPass { get; set; }

    public int EveryUserWrong { get; set; }

    /// <summary>Single logins, one at a time: a username not kept, then the same username kept.</summary>
    public double[] MissLatencies { get; set; } = [];

    public double[] HitLatencies { get; set; } = [];

    public int MissThenHitWrong { get; set; }

    /// <summary>Every username asked a second time, right after the first pass.</summary>
    public LoadResult? EveryUserAgain { get; set; }

    public long? RssAfterAgain { get; set; }

    public string Generator { get; set; } = "";

    /// <summary>Maximum-rate rounds, by endpoint label.</summary>
    public Dictionary<string, List<HotPathRound>> Rounds { get; } = [];

    /// <summary>Whether the rounds include the <c>--baseline-api</c> build's endpoints (named with <see cref="HotPathSuite.BaselineSuffix"/>).</summary>
    public bool HasBaseline { get; set; }

    /// <summary>Open-loop runs at half the measured maximum, by endpoint label, with the rate asked for.</summary>
    public Dictionary<string, (double Rate, OpenLoopResult Result)> HalfRate { get; } = [];

    public double SwitchMs { get; set; }

    public OpenLoopResult? Herd { get; set; }

    public Dictionary<string, int> HerdProblems { get; } = [];

    public Dictionary<string, int> HerdTypes { get; } = [];
}
