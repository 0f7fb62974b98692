namespace Orleans.Bcp.Benchmarks;

/// <summary>The parts of the harness that can be run on their own.</summary>
internal enum Suite
{
    Http,
    Switch,
    Storage,
    Sync,
    HotPaths,
    Propagation,

    /// <summary>On a running cluster (<c>--url</c>): when each switch took effect on every node; not part of <c>all</c>.</summary>
    Effective,
    Readiness,

    /// <summary>Two loopback clusters, mutual TLS and plaintext: a cross-silo call and a switch's propagation; not part of <c>all</c>.</summary>
    ClusterTls,

    /// <summary>A loopback cluster under a steady mix while nodes are killed and a region's store is cut; not part of <c>all</c>.</summary>
    Soak,

    /// <summary>One Api on SQLite with a million users over 5,000 pairs: memory, login latency, a herd after 1,000 switches (<c>scale embedded</c>).</summary>
    ScaleEmbedded,

    /// <summary>A loopback cluster with 10,000 pairs: a storm of 4,000 switches, logins during it, every pair's sync (<c>scale cluster</c>); not part of <c>all</c>.</summary>
    ScaleCluster,
}
