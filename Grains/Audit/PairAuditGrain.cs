using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Storage;
using Orleans.Storage;

namespace Orleans.Bcp.Grains.Audit;

/// <summary>
/// A pair's audit trail: the one place that numbers its entries (so every feature's entries share one order) and
/// the one that reads and writes the audit log (<see cref="IAuditLog"/>). An entry recorded here is written with
/// this grain's state before the reply and appended to the log after it; an entry the pair grain commits with its
/// own state is numbered here first and appended by the pair once committed (Grains/Pairs/PairAuditOutbox.cs).
/// </summary>
public sealed class PairAuditGrain(
    [PersistentState("audit", StorageNames.Control)] IPersistentState<PairAuditState> audit,
    IAuditLog auditLog,
    TimeProvider timeProvider) : Grain, IPairAuditGrain
{
    // The state name of TenantPairGrain's [PersistentState] (Grains/Pairs/TenantPairGrain.cs).
    private const string PairStateName = "pair";

    private PairAuditState State => audit.State;

    private string PairId => this.GetPrimaryKeyString();

    /// <summary>
    /// A trail with no state of its own yet continues after the last number the pair grain handed out (releases
    /// before this grain numbered the trail in the pair's state) and after the log's newest entry; then entries a
    /// previous activation committed but did not append go to the log.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!audit.RecordExists)
        {
            var newest = await auditLog.ListAsync(PairId, 1);
            State.Sequence = Math.Max(newest.Count > 0 ? newest[0].Sequence : 0, await PairSequenceAsync());
        }

        await FlushAsync();
    }

    public async Task RecordAsync(Actor actor, string action, string outcome, ImmutableDictionary<string, string> details)
    {
        State.Sequence++;
        State.Pending.Add(new AuditEntry(State.Sequence, timeProvider.GetUtcNow(), actor.UserId, actor.TenantId, action, outcome, details));
        await SaveAsync();
        await FlushAsync();
    }

    public async Task<long> ReserveAsync(long after)
    {
        State.Sequence = Math.Max(State.Sequence, after) + 1;
        await SaveAsync();
        return State.Sequence;
    }

    public Task AppendAsync(ImmutableList<AuditEntry> entries)
    {
        if (entries.IsEmpty)
        {
            return Task.CompletedTask;
        }

        // Numbers from an older release's pair state were never handed out here: never hand them out again.
        State.Sequence = Math.Max(State.Sequence, entries.Max(entry => entry.Sequence));
        return auditLog.AppendAsync(PairId, entries);
    }

    public async Task<ImmutableList<AuditEntry>> ListAsync(int limit)
    {
        await FlushAsync();
        var logged = await auditLog.ListAsync(PairId, limit);
        // Entries whose append failed are still committed in state: show them too.
        return [.. logged.UnionBy(State.Pending, entry => entry.Sequence).OrderByDescending(entry => entry.Sequence).Take(limit)];
    }

    private async Task FlushAsync()
    {
        if (State.Pending.Count == 0)
        {
            return;
        }

        var ready = State.Pending.ToList();
        try
        {
            await auditLog.AppendAsync(PairId, ready);
            // Appended entries leave the outbox with the next state write; appends are idempotent.
            State.Pending.RemoveAll(ready.Contains);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The entries stay committed in state and are appended on a later call.
        }
    }

    private async Task<long> PairSequenceAsync()
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Control);
        var pair = new GrainState<TenantPairState>();
        await storage.ReadStateAsync(PairStateName, GrainFactory.GetGrain<ITenantPairGrain>(PairId).GetGrainId(), pair);
        return pair is { RecordExists: true, State: { } state } ? state.AuditSequence : 0;
    }

    /// <summary>A failed write leaves memory ahead of the store: this activation goes, the next starts from what is durable.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await StateWrites.WriteAsync(audit);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
