using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One timed run of one endpoint, with the CPU time the Api host and the load generator used during it.</summary>
internal sealed record HttpRound(LoadResult Load, TimeSpan ApiCpu, TimeSpan HarnessCpu)
{
    public double PerSecond => Load.PerSecond;

    public double ApiCpuMicrosecondsPerRequest => ApiCpu.TotalMicroseconds / Load.Operations;

    public double HarnessCpuMicrosecondsPerRequest => HarnessCpu.TotalMicroseconds / Load.Operations;
}
