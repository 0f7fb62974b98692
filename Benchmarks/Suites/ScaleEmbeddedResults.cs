using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>What the embedded part of the scale suite measured.</summary>
internal sealed class ScaleEmbeddedResults
{
    public int Users { get; set; }

    public int Pairs { get; set; }

    public TimeSpan PairsTime { get; set; }

    /// <summary>Tries of making a pair again after a 503 (<see cref="ScaleLoader.PairsMadeAgain"/>).</summary>
    public int PairsMadeAgain { get; set; }

    public TimeSpan UsersTime { get; set; }

    public long DatabaseBytes { get; set; }

    public long? RssStarted { get; set; }

    public long? RssLoaded { get; set; }

    public int ColdDistinct { get; set; }

    public OpenLoopResult? ColdGentle { get; set; }

    public string ColdGentleFailures { get; set; } = "";

    public OpenLoopResult? Cold { get; set; }

    public string ColdFailures { get; set; } = "";

    public OpenLoopResult? Warm { get; set; }

    public string WarmFailures { get; set; } = "";

    public TimeSpan EveryUserTime { get; set; }

    public int EveryUserWrong { get; set; }

    public string EveryUserProblems { get; set; } = "";

    public long? RssAfterEveryUser { get; set; }

    public GcMemory? GcLoaded { get; set; }

    public GcMemory? GcAfterEveryUser { get; set; }

    public GcMemory? GcAtEnd { get; set; }

    public long? PeakDuringEveryUser { get; set; }

    public TimeSpan SwitchTime { get; set; }

    public double[] SwitchLatenciesMs { get; set; } = [];

    public OpenLoopResult? Herd { get; set; }

    public TimeSpan HerdCompletion { get; set; }

    public int HerdNonSuccess { get; set; }

    public string HerdProblems { get; set; } = "";

    public long? RssAtEnd { get; set; }

    public long? PeakOverall { get; set; }
}
