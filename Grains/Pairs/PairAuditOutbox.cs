using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The pair's own audit entries on their way to its trail (Grains/Audit/PairAuditGrain.cs): numbered there, committed
/// with the pair's state (the commit point, so an attempt is audited exactly once even if the silo dies between the
/// writes), appended to the trail after the commit (again until taken: appends are idempotent). An entry may be held
/// back: a switch's until its effect is settled, a lock's while the lock is in force (it counts the refused attempts).
/// An append still waiting when the node stops (<c>stopping</c>) is given up, its entries still committed: on a stopping
/// silo the trail may not be placed again, and the pair grain, still in that turn, would hold the node's stop for
/// Orleans' 30 s deactivation bound (Tests/Hosting/NodeStopTests.cs).
/// </summary>
internal sealed class PairAuditOutbox(IPersistentState<TenantPairState> pair, IPairAuditGrain trail, TimeProvider timeProvider, CancellationToken stopping)
{
    private TenantPairState State => pair.State;

    // A number asked for ahead of the entry that takes it (ReserveAhead).
    private Task<long>? _reserved;

    /// <summary>
    /// Has the trail number the next entry now, while the caller goes on with other work: a switch checks its passkey
    /// (tens of milliseconds of hashing) meanwhile, so the trail's durable write is not on the switch's path after it. The
    /// next <see cref="AddAsync"/> takes the number; one never taken (the call failed in between) leaves a gap, as a call
    /// failing after numbering always did.
    /// </summary>
    public void ReserveAhead() => _reserved ??= trail.ReserveAsync(State.AuditSequence);

    /// <summary>A new entry, numbered by the trail (durably there, so never twice) and pending until appended.</summary>
    public async Task<AuditEntry> AddAsync(Actor actor, string action, string outcome, Dictionary<string, string> details)
    {
        var number = _reserved ?? trail.ReserveAsync(State.AuditSequence);
        _reserved = null;
        State.AuditSequence = await number;
        var entry = new AuditEntry(
            State.AuditSequence, timeProvider.GetUtcNow(), actor.UserId, actor.TenantId, action, outcome, details.ToImmutableDictionary());
        State.PendingAudit.Add(entry);
        return entry;
    }

    /// <summary>Changes the details of the pending entry <paramref name="sequence"/>; false when it is not pending.</summary>
    public bool Amend(long? sequence, Func<ImmutableDictionary<string, string>, ImmutableDictionary<string, string>> change)
    {
        var index = State.PendingAudit.FindIndex(entry => entry.Sequence == sequence);
        if (index < 0)
        {
            return false;
        }

        State.PendingAudit[index] = State.PendingAudit[index] with { Details = change(State.PendingAudit[index].Details) };
        return true;
    }

    /// <summary>Appends the committed entries not <paramref name="held"/>; what fails stays pending and goes with a later call.</summary>
    public async Task FlushAsync(Func<long, bool> held)
    {
        var ready = State.PendingAudit.Where(entry => !held(entry.Sequence)).ToImmutableList();
        if (ready.IsEmpty)
        {
            return;
        }

        try
        {
            await trail.AppendAsync(ready).WaitAsync(stopping);
            // Appended entries leave the outbox with the next state write.
            State.PendingAudit.RemoveAll(ready.Contains);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The entries stay committed in state and are appended on a later call.
        }
    }

    /// <summary>The trail's newest entries with the pair's pending ones (held, or not yet appended) in their places.</summary>
    public async Task<ImmutableList<AuditEntry>> ListAsync(int limit, Func<long, bool> held)
    {
        await FlushAsync(held);
        var logged = await trail.ListAsync(limit);
        return [.. State.PendingAudit
            .UnionBy(logged, entry => entry.Sequence)
            .OrderByDescending(entry => entry.Sequence)
            .Take(limit)];
    }
}
