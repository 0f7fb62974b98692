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
    Readiness,
}
