using Orleans.Bcp.Benchmarks.Measurement;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One window of raw conditional creates, with the CPU time the harness process used during it.</summary>
internal sealed record RawCreateSample(LoadResult Load, TimeSpan HarnessCpu)
{
    public double PerSecond => Load.PerSecond;

    public double CpuMicrosecondsPerCreate => HarnessCpu.TotalMicroseconds / Math.Max(1, Load.Operations);
}
