namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>Why a run was cancelled (JSON: <c>bcp-activated</c>, <c>switched</c>, <c>taken-over</c>).</summary>
[GenerateSerializer, Alias("bcp.SyncCancelReason")]
public enum SyncCancelReason
{
    /// <summary>The pair switched to the BCP side while the run ran: the BCP tenant is live, so the run wrote nothing more to it.</summary>
    BcpActivated,

    /// <summary>
    /// The pair switched while the run ran and is back on the primary: the BCP tenant was live meanwhile, so what the run
    /// planned may be stale; the next run plans again.
    /// </summary>
    Switched,

    /// <summary>The run's worker stopped reporting and another run took over; this one wrote nothing more.</summary>
    TakenOver,
}
