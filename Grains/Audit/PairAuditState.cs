using Orleans.Bcp.Grains.Abstractions.Audit;

namespace Orleans.Bcp.Grains.Audit;

/// <summary>The durable state of a pair's audit trail (<see cref="PairAuditGrain"/>).</summary>
public sealed class PairAuditState
{
    /// <summary>The last sequence number handed out.</summary>
    public long Sequence { get; set; }

    /// <summary>
    /// Recorded entries committed with this state but not yet known to be in the audit log (an outbox): the write
    /// is the commit point, the append to the log follows and is idempotent.
    /// </summary>
    public List<AuditEntry> Pending { get; set; } = [];
}
