namespace Orleans.Bcp.Grains.Abstractions.Readiness;

/// <summary>
/// The latest readiness verdict of a pair, as the silos that compute reports record it: one place in the
/// cluster that knows when the verdict changes. Key: pair id. Kept in memory only (a report is computed
/// again within seconds of being asked for), so nothing is written per report.
/// </summary>
[Alias("bcp.IReadinessGrain")]
public interface IReadinessGrain : IGrainWithStringKey
{
    /// <summary>Records the verdict of a report computed at <paramref name="checkedAt"/>; a report older than the recorded one is ignored.</summary>
    [Alias("RecordAsync")]
    Task<VerdictChange> RecordAsync(ReadinessVerdict verdict, DateTimeOffset checkedAt);

    /// <summary>The verdict last recorded, or null when none was since this activation began.</summary>
    [Alias("GetLatestAsync")]
    Task<VerdictChange?> GetLatestAsync();
}
