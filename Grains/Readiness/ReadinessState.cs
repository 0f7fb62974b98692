using Orleans.Bcp.Grains.Abstractions.Readiness;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Readiness;

/// <summary>The durable part of a pair's readiness: the verdict last recorded, and the events its changes raised.</summary>
public sealed class ReadinessState
{
    public ReadinessVerdict? Verdict { get; set; }

    public DateTimeOffset CheckedAt { get; set; }

    /// <summary>The last number given to a <c>readiness.changed</c> event (the webhooks grain drops what it took).</summary>
    public long EventSequence { get; set; }

    /// <summary><c>readiness.changed</c> events written with the verdict that raised them, not yet taken by the webhooks grain (an outbox).</summary>
    public List<PairEvent> PendingEvents { get; set; } = [];
}
