using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>What the cluster part of the scale suite measured.</summary>
internal sealed class ScaleClusterResults
{
    public int Pairs { get; set; }

    public TimeSpan PairsTime { get; set; }

    /// <summary>Tries of making a pair again after a 503 (<see cref="ScaleLoader.PairsMadeAgain"/>).</summary>
    public int PairsMadeAgain { get; set; }

    public int Users { get; set; }

    public int PairsWithUsers { get; set; }

    public TimeSpan UsersTime { get; set; }

    public Dictionary<string, long?> RssLoaded { get; } = [];

    public int Storm { get; set; }

    public TimeSpan StormCompletion { get; set; }

    public OpenLoopResult? StormRun { get; set; }

    public int StormServerErrors { get; set; }

    public string StormProblems { get; set; } = "";

    public OpenLoopResult? StormLogins { get; set; }

    public int StormLoginServerErrors { get; set; }

    /// <summary>Switched pairs whose epoch moved by exactly their audited switches and that show the BCP side.</summary>
    public int EpochsMatching { get; set; }

    public string EpochProblems { get; set; } = "";

    /// <summary>When not every pair matched: the pairs whose epoch equals their audited switches (switched or not) once every node has read each pair again.</summary>
    public int? ConsistentLater { get; set; }

    public string InconsistentLater { get; set; } = "";

    public Dictionary<string, long?> RssAfterStorm { get; } = [];

    public Dictionary<string, long?> PeakOverall { get; } = [];

    public int SyncedPairs { get; set; }

    public TimeSpan FirstSyncTime { get; set; }

    public RunCounts FirstSyncCounts { get; set; } = RunCounts.Zero;

    public TimeSpan NoChangeSyncTime { get; set; }

    public RunCounts NoChangeSyncCounts { get; set; } = RunCounts.Zero;

    public TimeSpan NoChangeSyncCpu { get; set; }

    public string SyncProblems { get; set; } = "";
}
