using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>A pair of the soak with what the seeding made in its primary and the tokens its callers use.</summary>
internal sealed class SoakPair(int index, BenchPair pair, string adminToken, string bcpReaderToken)
{
    public int Index { get; } = index;

    public BenchPair Pair { get; } = pair;

    /// <summary>A primary tenant admin: configuration, BCP types, switching, sync.</summary>
    public string AdminToken { get; } = adminToken;

    /// <summary>A user of the BCP tenant (reads its configuration for the final comparison).</summary>
    public string BcpReaderToken { get; } = bcpReaderToken;

    public List<string> Usernames { get; } = [];

    public List<string> VoiceAddresses { get; } = [];

    public List<string> SkillIds { get; } = [];

    /// <summary>Epochs of the switches answered 200 <c>switched</c>: each must be in the pair's audit.</summary>
    public List<long> AcknowledgedEpochs { get; } = [];

    /// <summary>Sync runs answered 202.</summary>
    public List<string> StartedRuns { get; } = [];
}
