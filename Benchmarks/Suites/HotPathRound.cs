using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One timed maximum-rate run of one endpoint, with the CPU time the Api host used and the bytes it allocated during it (null when not read).</summary>
internal sealed record HotPathRound(WrkResult Load, TimeSpan ApiCpu, long? ApiAllocated)
{
    public double PerSecond => Load.PerSecond;

    public double ApiCpuMicrosecondsPerRequest => ApiCpu.TotalMicroseconds / Math.Max(1, Load.Requests);

    public double? ApiBytesPerRequest => ApiAllocated / (double)Math.Max(1, Load.Requests);
}
