using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Readiness;

/// <summary>
/// The latest readiness verdict of a pair, as the silos that compute reports record it: one place in the
/// cluster that knows when the verdict changes. Key: pair id. Written to the control store only when the
/// verdict changes (with its <c>readiness.changed</c> event), so nothing is written per report.
/// </summary>
[Alias("bcp.IReadinessGrain")]
public interface IReadinessGrain : IGrainWithStringKey
{
    /// <summary>
    /// Records the verdict of a report computed at <paramref name="checkedAt"/> for the pair at <paramref name="epoch"/>,
    /// whose checks <paramref name="notPassing"/> did not pass; a report older than the recorded one is ignored.
    /// </summary>
    [Alias("RecordAsync")]
    Task<VerdictChange> RecordAsync(ReadinessVerdict verdict, DateTimeOffset checkedAt, long epoch, ImmutableList<string> notPassing);

    /// <summary>The verdict last recorded, or null when none ever was.</summary>
    [Alias("GetLatestAsync")]
    Task<VerdictChange?> GetLatestAsync();
}
