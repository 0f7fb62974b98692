using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One timed maximum-rate run of one endpoint, with the CPU time the Api host used during it.</summary>
internal sealed record HotPathRound(WrkResult Load, TimeSpan ApiCpu)
{
    public double PerSecond => Load.PerSecond;

    public double ApiCpuMicrosecondsPerRequest => ApiCpu.TotalMicroseconds / Math.Max(1, Load.Requests);
}
