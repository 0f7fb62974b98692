using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Abstractions.Audit;

/// <summary>
/// A pair's audit trail: numbers its entries, keeps them durably and lists them. Every feature records here;
/// the pair grain numbers its own entries here too but commits them with its own state first (its outbox)
/// and appends them once committed. Key: pair id.
/// </summary>
[Alias("bcp.IPairAuditGrain")]
public interface IPairAuditGrain : IGrainWithStringKey
{
    /// <summary>Appends an entry for an action taken by a feature other than the switch (sync settings, runs, BCP access, webhooks); durable on return.</summary>
    [Alias("RecordAsync")]
    Task RecordAsync(Actor actor, string action, string outcome, ImmutableDictionary<string, string> details);

    /// <summary>
    /// Hands out the trail's next sequence number, durably (never handed out twice), for an entry its caller
    /// commits with its own state and appends later (<see cref="AppendAsync"/>).
    /// </summary>
    /// <param name="after">The caller's last number: the next one is above it (a trail whose numbers an older release kept elsewhere continues after them).</param>
    [Alias("ReserveAsync")]
    Task<long> ReserveAsync(long after);

    /// <summary>Appends committed entries numbered by <see cref="ReserveAsync"/>; appending an entry already there is a no-op.</summary>
    [Alias("AppendAsync")]
    Task AppendAsync(ImmutableList<AuditEntry> entries);

    /// <summary>The newest <paramref name="limit"/> entries, newest first.</summary>
    [Alias("ListAsync")]
    Task<ImmutableList<AuditEntry>> ListAsync(int limit);
}
