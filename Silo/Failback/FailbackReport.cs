using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Silo.Failback;

/// <summary>What returning a pair to the primary does to the work done in the BCP tenant (docs/failback.md).</summary>
/// <param name="PairId">The pair.</param>
/// <param name="Since">The pair's last switch (to BCP while the BCP side is active; the return once back on the primary).</param>
/// <param name="ActiveSide">The side active now.</param>
/// <param name="PrimaryReachable">Whether the primary region's store answered.</param>
/// <param name="BcpChanges">The BCP tenant's entities that differ from what the last sync left there.</param>
/// <param name="PrimaryChanges">The primary's entities that differ from what the last sync copied; null when the primary could not be read.</param>
/// <param name="Notes">What the report could not know (the primary unreadable, a read that failed).</param>
public sealed record FailbackReport(
    string PairId,
    DateTimeOffset? Since,
    PairRole ActiveSide,
    bool PrimaryReachable,
    IReadOnlyList<FailbackChange> BcpChanges,
    IReadOnlyList<FailbackChange>? PrimaryChanges,
    IReadOnlyList<string> Notes)
{
    /// <summary>How many BCP changes the first sync after the return overwrites or deletes.</summary>
    public int OverwritesBcpChanges => BcpChanges.Count(change => change.SyncWill is FailbackSyncWill.Overwrite or FailbackSyncWill.Delete);
}
