using Orleans.Bcp.Benchmarks.Infrastructure;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>One sync run as the harness saw it.</summary>
/// <param name="Outcome">The report's outcome (succeeded, failed, skipped).</param>
/// <param name="Wall">From sending "run now" to seeing the run finished (polling; includes up to one poll interval).</param>
/// <param name="Server">finishedAt − startedAt of the report.</param>
/// <param name="Totals">Counts summed over types.</param>
/// <param name="ByType">Counts per type.</param>
/// <param name="Warnings">How many warnings the report lists.</param>
/// <param name="Error">The report's error, if it failed.</param>
/// <param name="BcpChanges">Objects under the BCP tenant's configuration prefix created, replaced or deleted during the run, by listing.</param>
/// <param name="RssBeforeBytes">The Api's RSS when the run was started.</param>
/// <param name="PeakRssBytes">The Api's VmHWM at the end of the run, if measured for this run.</param>
/// <param name="ApiCpu">CPU time (user + kernel) the Api process used during the run.</param>
internal sealed record SyncRunResult(
    string Outcome,
    TimeSpan Wall,
    TimeSpan Server,
    RunCounts Totals,
    IReadOnlyDictionary<string, RunCounts> ByType,
    int Warnings,
    string? Error,
    KeyChanges BcpChanges,
    long? RssBeforeBytes,
    long? PeakRssBytes,
    TimeSpan ApiCpu)
{
    /// <summary>Entities written per second of wall time, by the run's own counts.</summary>
    public double WrittenPerSecond => Totals.Written / Wall.TotalSeconds;

    /// <summary>The Api's CPU per entity written (steadier than rates on a shared machine).</summary>
    public double CpuMicrosecondsPerWrite => ApiCpu.TotalMicroseconds / Math.Max(1, Totals.Written);
}
