using Orleans.Bcp.Grains.Abstractions.Readiness;
using Orleans.Bcp.Silo.Readiness;

namespace Orleans.Bcp.Api.Readiness;

/// <summary>A pair's readiness report as <c>GET /tenant-pairs/{pairId}/readiness</c> shows it.</summary>
/// <param name="Verdict">Any failing check: not-ready; else any warning: degraded; else ready.</param>
/// <param name="CheckedAt">When the checks ran: a node answers the same report for 2 s, and while it checks again.</param>
/// <param name="Checks">Every check, in a stable order.</param>
public sealed record ReadinessDocument(ReadinessVerdict Verdict, DateTimeOffset CheckedAt, IReadOnlyList<ReadinessCheckDocument> Checks)
{
    public static ReadinessDocument From(ReadinessReport report) =>
        new(report.Verdict, report.CheckedAt, [.. report.Checks.Select(ReadinessCheckDocument.From)]);
}
