namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>One timed run: successful operations, failures, wall time, and the latency of each success.</summary>
internal sealed record LoadResult(int Operations, int Errors, TimeSpan Elapsed, double[] LatenciesMs, string? FirstError)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;
}
