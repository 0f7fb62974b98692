using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Failback;

namespace Orleans.Bcp.Api.Failback;

/// <summary>The failback report as <c>GET /tenant-pairs/{pairId}/failback</c> shows it (docs/failback.md).</summary>
/// <param name="PairId">The pair.</param>
/// <param name="Since">The pair's last switch: to BCP while the BCP side is active, the return once back on the primary.</param>
/// <param name="ActiveSide">The side active now.</param>
/// <param name="PrimaryReachable">Whether the primary region's store answered; when false the primary's changes are unknown.</param>
/// <param name="BcpChanges">The BCP tenant's entities that differ from what the last sync left, with what the first sync after the return does to each.</param>
/// <param name="PrimaryChanges">The primary's entities that differ from what the last sync copied; null when the primary could not be read.</param>
/// <param name="Counts">The BCP changes by what the sync does to them.</param>
/// <param name="Notes">What the report could not know.</param>
public sealed record FailbackDocument(
    string PairId,
    DateTimeOffset? Since,
    PairRole ActiveSide,
    bool PrimaryReachable,
    IReadOnlyList<FailbackChange> BcpChanges,
    IReadOnlyList<FailbackChange>? PrimaryChanges,
    FailbackCountsDocument Counts,
    IReadOnlyList<string> Notes)
{
    public static FailbackDocument From(FailbackReport report) => new(
        report.PairId, report.Since, report.ActiveSide, report.PrimaryReachable, report.BcpChanges, report.PrimaryChanges,
        new FailbackCountsDocument(
            report.BcpChanges.Count(change => change.SyncWill == FailbackSyncWill.Overwrite),
            report.BcpChanges.Count(change => change.SyncWill == FailbackSyncWill.Delete),
            report.BcpChanges.Count(change => change.SyncWill == FailbackSyncWill.Leave)),
        report.Notes);
}
