using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One pair on the hot-path host: its tenants, and the usernames and voice numbers claimed in its primary.</summary>
internal sealed class HotPathPair(BenchPair pair, string slug)
{
    public BenchPair Pair { get; } = pair;

    public string Slug { get; } = slug;

    public List<HotPathUser> Users { get; } = [];

    public List<string> VoiceAddresses { get; } = [];
}
