using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Grains.Webhooks;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// Owns a pair's active side, epoch, passkey and lockouts (<see cref="PairLockout"/>). Every attempt a lock does not
/// refuse changes state (failure counts, its audit entry) and is written before the reply, so concurrent silos are
/// linearized by the store's ETag check; an attempt a lock refuses writes nothing (see <see cref="Refuse"/>). Every
/// change that alters the status is pushed to the subscribed silos (<see cref="IPairStateObserver"/>) once it is
/// written, before the reply. After an effective switch the nodes acknowledge the push and the pair records when the
/// last one did (<see cref="SwitchEffects"/>), after the reply. Its audit entries and webhook events are committed with
/// its state and handed to the pair's trail (<see cref="PairAuditOutbox"/>) and webhooks grain (<see cref="EventOutbox"/>),
/// a switch's just after its reply.
/// </summary>
public sealed partial class TenantPairGrain(
    [PersistentState("pair", StorageNames.Control)] IPersistentState<TenantPairState> pair,
    TimeProvider timeProvider,
    IClusterMembershipService membership,
    SwitchPriority priority,
    PasskeyHashing hashing,
    IHostApplicationLifetime lifetime,
    ILogger<TenantPairGrain> logger) : Grain, ITenantPairGrain
{
    /// <summary>How long a subscription holds unless renewed (a silo that died stops renewing and is dropped).</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    private readonly PairSubscriptions _subscriptions = new(logger);

    private readonly SwitchEffects _effects = new();

    private readonly PairLockout _lockout = new(pair);

    private PairAuditOutbox? _audit;

    // Hands the committed entries and events off after a switch's reply (CommitAsync).
    private IGrainTimer? _handOff;

    /// <summary>Refused attempts counted into a held lock entry since the last state write (written on deactivation at the latest).</summary>
    private bool _refusalsUnsaved;

    private TenantPairState State => pair.State;

    private string PairId => this.GetPrimaryKeyString();

    private PairAuditOutbox Audit => _audit ??= new(pair, GrainFactory.GetGrain<IPairAuditGrain>(PairId), timeProvider, lifetime.ApplicationStopping);

    public async Task<PairCreated?> CreateAsync(TenantRef primary, TenantRef bcp, Actor actor)
    {
        if (pair.RecordExists)
        {
            return null;
        }

        var passkey = Passkey.Generate();
        var hash = await hashing.HashAsync(passkey);
        var now = timeProvider.GetUtcNow();
        State.Primary = primary;
        State.Bcp = bcp;
        State.ActiveSide = PairRole.Primary;
        State.Passkey = hash;
        State.CreatedAt = now;
        await AuditAsync(actor, "pair-create", "created", new() { ["primaryTenantId"] = primary.TenantId, ["bcpTenantId"] = bcp.TenantId });
        await CommitAsync(statusChanged: true);
        return new PairCreated(ToStatus(now), passkey);
    }

    public Task<PairStatus?> GetStatusAsync() =>
        Task.FromResult(pair.RecordExists ? ToStatus(timeProvider.GetUtcNow()) : null);

    public Task<PairStatus?> SubscribeAsync(IPairStateObserver observer, SiloAddress node)
    {
        _subscriptions.Subscribe(node, observer);
        return GetStatusAsync();
    }

    public Task UnsubscribeAsync(IPairStateObserver observer)
    {
        _subscriptions.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    /// <summary>Entries and events a previous activation (or release) committed but did not hand off go now.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) => HandOffAsync();

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        await _subscriptions.EndAsync(PairId);
        try
        {
            if (_refusalsUnsaved)
            {
                await SaveAsync();
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The counts only: a failed write loses at most a count of refused attempts, never a decision.
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    // A sync run on this node pauses meanwhile (SwitchPriority.cs).
    public Task<SwitchResult> SwitchAsync(SwitchCommand command) => priority.WhileUnderWayAsync(() => SwitchUnderWayAsync(command));

    private async Task<SwitchResult> SwitchUnderWayAsync(SwitchCommand command)
    {
        // The HTTP layer checks this too; the grain does not rely on every caller having done so.
        if (command.Passkey is null && (!command.ByOperator || string.IsNullOrWhiteSpace(command.OperatorReason)))
        {
            throw new UnauthorizedAccessException("A switch without passkey needs an operator and a reason.");
        }

        if (!pair.RecordExists)
        {
            return new SwitchResult(SwitchOutcome.PairNotFound, null, null);
        }

        var now = timeProvider.GetUtcNow();
        var details = SwitchAuditDetails.Of(command);

        // An operator (no passkey) is the way out of a lockout, so only passkey attempts are gated.
        if (command.Passkey is not null)
        {
            _lockout.Prune(now);
            var caller = _lockout.FindCaller(command.Actor);
            var attempts = _lockout.AttemptsOf(caller, now);
            if (attempts.LockedUntil is not null)
            {
                return Refuse(caller, attempts, now);
            }

            // Every attempt past the lock is audited: its entry is numbered while the passkey is hashed.
            Audit.ReserveAhead();
            if (!await hashing.VerifyAsync(command.Passkey, State.Passkey!))
            {
                return await RejectWrongPasskeyAsync(command.Actor, caller, details, now);
            }
        }

        if (State.ActiveSide == command.Side)
        {
            details["epoch"] = State.Epoch.ToString(CultureInfo.InvariantCulture);
            await AuditAsync(command.Actor, "switch", "already-active", details);
            await CommitAsync();
            return new SwitchResult(SwitchOutcome.AlreadyActive, ToStatus(now), null);
        }

        if (await GateSwitchAsync(command, details, now) is { } gated)
        {
            return gated;
        }

        return await CommitSwitchAsync(command.Side, command.Actor, details, now);
    }

    /// <summary>The switch itself, for a switch and for an approved switch request (TenantPairGrain.Approval.cs).</summary>
    private async Task<SwitchResult> CommitSwitchAsync(PairRole side, Actor actor, Dictionary<string, string> details, DateTimeOffset now)
    {
        details["epoch"] = (State.Epoch + 1).ToString(CultureInfo.InvariantCulture);
        var entry = await AuditAsync(actor, "switch", "switched", details);
        State.ActiveSide = side;
        State.Epoch++;
        State.LastSwitch = new LastSwitch(now, actor, side, State.Epoch);
        Announce(entry, WebhookEventTypes.SwitchSucceeded);
        await CommitAsync(statusChanged: true, committed: () => TrackEffect(entry.Sequence), handOffAfterReply: true);
        return new SwitchResult(SwitchOutcome.Switched, ToStatus(now), null);
    }

    public async Task<string?> RotatePasskeyAsync(Actor actor, bool byOperator)
    {
        if (!byOperator)
        {
            throw new UnauthorizedAccessException("Only an operator rotates a passkey.");
        }

        if (!pair.RecordExists)
        {
            return null;
        }

        await AuditAsync(actor, "passkey-rotate", "rotated", []);
        var passkey = Passkey.Generate();
        State.Passkey = await hashing.HashAsync(passkey);
        _lockout.Clear();
        await CommitAsync(statusChanged: true);
        return passkey;
    }

    public async Task<ImmutableList<AuditEntry>> GetAuditAsync(int limit) =>
        pair.RecordExists ? await Audit.ListAsync(limit, HeldEntries()) : [];

    /// <summary>
    /// A new entry in the outbox, numbered by the trail. Numbering is a call: when it fails the state may already be
    /// changed in memory, so this activation goes and the next call starts from what is durable.
    /// </summary>
    private async Task<AuditEntry> AuditAsync(Actor actor, string action, string outcome, Dictionary<string, string> details)
    {
        try
        {
            return await Audit.AddAsync(actor, action, outcome, details);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private void Announce(AuditEntry entry, string type) => EventOutbox.Announce(State.PendingEvents, "pair", entry, type, PairId, State.Epoch);

    /// <summary>The entries held back now: a switch's waits for its effect record (at most the deadline), a lock's for the lock to end.</summary>
    private Func<long, bool> HeldEntries()
    {
        var locks = _lockout.HeldEntries(timeProvider.GetUtcNow());
        return sequence => _effects.HoldsEntry(sequence) || locks.Contains(sequence);
    }

    /// <summary>
    /// Writes the state (the commit point); then, if the status changed, pushes it to the subscribers (one-way:
    /// nothing waits for them); then hands the committed entries to the trail and the committed events to the webhooks grain.
    /// </summary>
    /// <param name="statusChanged">Whether the status changed: pushed to the subscribed silos before the reply.</param>
    /// <param name="committed">Run once the state is written.</param>
    /// <param name="handOffAfterReply">
    /// Whether the audit entries and events go to the trail and the webhooks grain just after the reply (a switch, whose
    /// answer waits for its commit and its push only: they are committed in the state, and the audit read shows the pending ones).
    /// </param>
    private async Task CommitAsync(bool statusChanged = false, Action? committed = null, bool handOffAfterReply = false)
    {
        await SaveAsync();
        committed?.Invoke();
        if (statusChanged)
        {
            var status = ToStatus(timeProvider.GetUtcNow());
            await _subscriptions.PushAsync(status);
        }

        if (handOffAfterReply)
        {
            // A grain timer's callback is a turn of its own, after this call's, never interleaved with another call.
            _handOff ??= this.RegisterGrainTimer(_ => HandOffAsync(), Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _handOff.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            return;
        }

        await HandOffAsync();
    }

    private async Task HandOffAsync()
    {
        await Audit.FlushAsync(HeldEntries());
        await EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);
    }

    private PairStatus ToStatus(DateTimeOffset now) => State.ToStatus(PairId, now, _effects.Counting(State.LastSwitch));

    /// <summary>
    /// Writes the state; when the write fails the in-memory state may be ahead of the store, so this
    /// activation goes and the next call starts from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await StateWrites.WriteAsync(pair);
            _refusalsUnsaved = false;
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
