namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The soak's workload and fault schedule (the priority issue's numbers), kept out of the shared options.</summary>
internal sealed record SoakSettings(TimeSpan Duration, bool FastMembership)
{
    public const string PrimaryRegion = "us-east";
    public const string BcpRegion = "eu-west";

    public static readonly string[] Regions = [PrimaryRegion, BcpRegion];

    public int Pairs => 6;

    /// <summary>Requests in flight at once over every kind: the machine has 2 cores and is shared.</summary>
    public int InFlight => 8;

    /// <summary>Closed-loop workers of the mix; the sync and switch schedules take the rest of <see cref="InFlight"/>.</summary>
    public int MixWorkers => 6;

    public int UsersPerPair => 6;

    public int VoicePointsPerPair => 3;

    public int SkillsPerPair => 3;

    public TimeSpan RequestTimeout => TimeSpan.FromSeconds(30);

    public TimeSpan SyncEvery => TimeSpan.FromMinutes(1);

    public TimeSpan SwitchEvery => TimeSpan.FromSeconds(30);

    /// <summary>How long a pair stays on its BCP side before the switch back, so reads see both sides.</summary>
    public TimeSpan BcpHold => TimeSpan.FromSeconds(5);

    public TimeSpan KillEvery => TimeSpan.FromMinutes(2);

    /// <summary>A killed node is started again (same ports and settings) this long after the kill.</summary>
    public TimeSpan DownFor => TimeSpan.FromSeconds(15);

    /// <summary>The store cut: one region, once, 40% into the run (between two node kills in a 10-minute run).</summary>
    public string CutRegion => PrimaryRegion;

    public TimeSpan CutAt => TimeSpan.FromSeconds(Math.Round(Duration.TotalSeconds * 0.4));

    public TimeSpan CutFor => TimeSpan.FromSeconds(20);

    /// <summary>The first kill comes half a period in, so the load has settled; then one every <see cref="KillEvery"/>.</summary>
    public IEnumerable<TimeSpan> KillTimes()
    {
        for (var at = KillEvery / 2; at < Duration; at += KillEvery)
        {
            yield return at;
        }
    }

    /// <summary>The tests' fast failure detection (Tests/Infrastructure/TestCluster.cs), only with <c>--fast-membership</c>.</summary>
    public IReadOnlyDictionary<string, string> MembershipSettings => FastMembership
        ? new Dictionary<string, string>
        {
            ["Cluster__Membership__ProbeTimeout"] = "00:00:02",
            ["Cluster__Membership__NumMissedProbesLimit"] = "2",
            ["Cluster__Membership__NumVotesForDeathDeclaration"] = "1",
        }
        : new Dictionary<string, string>();
}
