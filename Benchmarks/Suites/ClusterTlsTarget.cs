using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One two-node cluster of the TLS suite (mutual TLS on, or plaintext), its pair and what was measured on it.</summary>
internal sealed class ClusterTlsTarget(string name, ApiServer[] nodes, BenchPair pair, HttpClient[] admins, int holder)
{
    public string Name { get; } = name;

    public ApiServer[] Nodes { get; } = nodes;

    public BenchPair Pair { get; } = pair;

    /// <summary>A tenant admin of the primary tenant, one client per node.</summary>
    public HttpClient[] Admins { get; } = admins;

    /// <summary>The node whose silo holds the pair's activation: a read through the other node crosses silos.</summary>
    public int Holder { get; } = holder;

    public List<double> CrossSiloMs { get; } = [];

    public List<double> LocalMs { get; } = [];

    public List<double> PropagationMs { get; } = [];

    public List<double> CrossSiloRoundMedians { get; } = [];

    public List<double> LocalRoundMedians { get; } = [];

    public List<double> PropagationRoundMedians { get; } = [];

    /// <summary>The side a switch next asks for.</summary>
    public string NextSide { get; set; } = "bcp";
}
