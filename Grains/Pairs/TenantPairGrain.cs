using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Grains.Webhooks;
using Orleans.Utilities;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// Owns a pair's active side, epoch, passkey and lockouts (per caller, and pair-wide). Every attempt a lock does not
/// refuse changes state (failure counts, audit sequence) and is written before the reply, so concurrent silos are
/// linearized by the store's ETag check; an attempt a lock refuses writes nothing (see <see cref="Refuse"/>). Every change that alters the status is pushed to the subscribed silos
/// (<see cref="IPairStateObserver"/>) once it is written, before the reply. After an effective switch the
/// nodes acknowledge the push and the pair records when the last one did (<see cref="SwitchEffect"/>), after the reply.
/// </summary>
public sealed class TenantPairGrain(
    [PersistentState("pair", StorageNames.Control)] IPersistentState<TenantPairState> pair,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    IClusterMembershipService membership,
    ILogger<TenantPairGrain> logger) : Grain, ITenantPairGrain
{
    /// <summary>How long a subscription holds unless renewed (a silo that died stops renewing and is dropped).</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    /// <summary>One subscription per silo, by the silo's address (it acknowledges switches under it).</summary>
    private readonly ObserverManager<SiloAddress, IPairStateObserver> _observers = new(SubscriptionLifetime, logger);

    /// <summary>Effective switches whose acknowledgements are still counted, by epoch (<see cref="SwitchEffectTracker"/>).</summary>
    private readonly Dictionary<long, SwitchEffectTracker> _effects = [];

    /// <summary>Refused attempts counted into a held lock entry since the last state write (written on deactivation at the latest).</summary>
    private bool _refusalsUnsaved;

    private TenantPairState State => pair.State;

    public async Task<PairCreated?> CreateAsync(TenantRef primary, TenantRef bcp, Actor actor)
    {
        if (pair.RecordExists)
        {
            return null;
        }

        var passkey = Passkey.Generate();
        var now = timeProvider.GetUtcNow();
        State.Primary = primary;
        State.Bcp = bcp;
        State.ActiveSide = PairRole.Primary;
        State.Passkey = Passkey.Hash(passkey);
        State.CreatedAt = now;
        Audit(actor, "pair-create", "created", new() { ["primaryTenantId"] = primary.TenantId, ["bcpTenantId"] = bcp.TenantId });
        await CommitAsync(statusChanged: true);
        return new PairCreated(ToStatus(now), passkey);
    }

    public Task<PairStatus?> GetStatusAsync() =>
        Task.FromResult(pair.RecordExists ? ToStatus(timeProvider.GetUtcNow()) : null);

    public Task<PairStatus?> SubscribeAsync(IPairStateObserver observer, SiloAddress node)
    {
        _observers.Subscribe(node, observer);
        return GetStatusAsync();
    }

    public Task UnsubscribeAsync(IPairStateObserver observer)
    {
        foreach (var node in _observers.Observers.Where(entry => entry.Value.Equals(observer)).Select(entry => entry.Key).ToList())
        {
            _observers.Unsubscribe(node);
        }

        return Task.CompletedTask;
    }

    public Task AcknowledgeAsync(long epoch, SiloAddress node)
    {
        // Interleaved with a switch in progress: touches only the trackers; settling (a write) is the timer's own turn.
        foreach (var tracker in _effects.Values.Where(tracker => tracker.Epoch <= epoch))
        {
            if (tracker.Acknowledge(node))
            {
                tracker.Timer?.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Events a previous activation committed but did not hand off go now.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, this.GetPrimaryKeyString(), State.PendingEvents);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The subscriptions die with this activation: the next one would push to nobody until the silos renew.
        var pairId = this.GetPrimaryKeyString();
        await _observers.Notify(observer => observer.SubscriptionEnded(pairId));
        if (_refusalsUnsaved)
        {
            await SaveRefusalCountsAsync();
        }

        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<SwitchResult> SwitchAsync(SwitchCommand command)
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
        var details = new Dictionary<string, string>
        {
            ["requestedSide"] = command.Side.ToString().ToLowerInvariant(),
            ["mode"] = command.Passkey is null ? "operator" : "passkey",
        };
        if (command.OperatorReason is not null)
        {
            details["reason"] = command.OperatorReason;
        }

        if (command.NotReadyChecks is { Count: > 0 } notReady)
        {
            details["notReadyChecks"] = string.Join(",", notReady);
        }

        // An operator (no passkey) is the way out of a lockout, so only passkey attempts are gated.
        if (command.Passkey is not null)
        {
            PruneLockouts(now);
            var caller = FindCaller(command.Actor);
            var attempts = AttemptsOf(caller, now);
            if (attempts.LockedUntil is not null)
            {
                return Refuse(caller, attempts, now);
            }

            if (!Passkey.Verify(command.Passkey, State.Passkey!))
            {
                return await RejectWrongPasskeyAsync(command.Actor, caller, details, now);
            }
        }

        if (State.ActiveSide == command.Side)
        {
            details["epoch"] = State.Epoch.ToString(CultureInfo.InvariantCulture);
            Audit(command.Actor, "switch", "already-active", details);
            await CommitAsync();
            return new SwitchResult(SwitchOutcome.AlreadyActive, ToStatus(now), null);
        }

        State.ActiveSide = command.Side;
        State.Epoch++;
        State.LastSwitch = new LastSwitch(now, command.Actor, command.Side, State.Epoch);
        details["epoch"] = State.Epoch.ToString(CultureInfo.InvariantCulture);
        Audit(command.Actor, "switch", "switched", details);
        Announce(WebhookEventTypes.SwitchSucceeded);
        await CommitAsync(statusChanged: true, committed: TrackEffect);
        return new SwitchResult(SwitchOutcome.Switched, ToStatus(now), null);
    }

    public async Task<SwitchResult?> CheckPasskeyAsync(Actor actor, string passkey, PairRole side)
    {
        if (!pair.RecordExists)
        {
            return new SwitchResult(SwitchOutcome.PairNotFound, null, null);
        }

        var now = timeProvider.GetUtcNow();
        PruneLockouts(now);
        var caller = FindCaller(actor);
        var attempts = AttemptsOf(caller, now);
        if (attempts.LockedUntil is not null)
        {
            return Refuse(caller, attempts, now);
        }

        return Passkey.Verify(passkey, State.Passkey!)
            ? null
            : await RejectWrongPasskeyAsync(actor, caller, new() { ["requestedSide"] = side.ToString().ToLowerInvariant(), ["mode"] = "drill" }, now);
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

        var passkey = Passkey.Generate();
        State.Passkey = Passkey.Hash(passkey);
        // Whoever guessed at the old passkey has nothing left to guess at: the lockout ends.
        State.RecentFailures.Clear();
        State.LockedUntil = null;
        State.PairLockAuditSequence = null;
        State.CallerLockouts.Clear();
        Audit(actor, "passkey-rotate", "rotated", []);
        await CommitAsync(statusChanged: true);
        return passkey;
    }

    public async Task RecordAsync(Actor actor, string action, string outcome, ImmutableDictionary<string, string> details)
    {
        if (!pair.RecordExists)
        {
            return;
        }

        Audit(actor, action, outcome, new Dictionary<string, string>(details));
        await CommitAsync();
    }

    public async Task<ImmutableList<AuditEntry>> GetAuditAsync(int limit)
    {
        if (!pair.RecordExists)
        {
            return [];
        }

        await FlushAuditAsync();
        var logged = await auditLog.ListAsync(this.GetPrimaryKeyString(), limit);
        // Entries whose flush failed are still committed in state: show them too.
        return [.. logged
            .UnionBy(State.PendingAudit, entry => entry.Sequence)
            .OrderByDescending(entry => entry.Sequence)
            .Take(limit)];
    }

    public Task<SwitchAttempts?> GetAttemptsAsync(Actor actor)
    {
        if (!pair.RecordExists)
        {
            return Task.FromResult<SwitchAttempts?>(null);
        }

        var now = timeProvider.GetUtcNow();
        PruneLockouts(now);
        return Task.FromResult<SwitchAttempts?>(AttemptsOf(FindCaller(actor), now));
    }

    /// <summary>
    /// A wrong passkey: audited and announced, counted for its caller and for the pair; the caller's 5th in the window
    /// locks the caller, the pair's 25th locks the pair. Each lock is one more audit entry and one <c>switch.locked</c> event.
    /// </summary>
    private async Task<SwitchResult> RejectWrongPasskeyAsync(Actor actor, CallerLockout? caller, Dictionary<string, string> details, DateTimeOffset now)
    {
        if (caller is null)
        {
            caller = new CallerLockout { TenantId = actor.TenantId, UserId = actor.UserId };
            State.CallerLockouts.Add(caller);
        }

        caller.Failures.Add(now);
        State.RecentFailures.Add(now);
        Audit(actor, "switch", "passkey-invalid", details);
        Announce(WebhookEventTypes.SwitchRejected);
        var locked = false;
        if (caller.Failures.Count >= LockoutPolicy.CallerThreshold)
        {
            caller.LockedUntil = now + LockoutPolicy.Duration;
            caller.LockAuditSequence = AuditLock(actor, "caller", caller.LockedUntil.Value, caller.Failures.Count, callers: 1);
            locked = true;
        }

        var pairLocks = State.RecentFailures.Count >= LockoutPolicy.PairThreshold;
        if (pairLocks)
        {
            State.LockedUntil = now + LockoutPolicy.Duration;
            State.PairLockAuditSequence = AuditLock(
                actor, "pair", State.LockedUntil.Value, State.RecentFailures.Count, State.CallerLockouts.Count(entry => entry.Failures.Count > 0));
            locked = true;
        }

        await CommitAsync(statusChanged: pairLocks);
        var attempts = AttemptsOf(caller, now);
        return new SwitchResult(SwitchOutcome.PasskeyInvalid, ToStatus(now), attempts.LockedUntil, attempts, locked);
    }

    /// <summary>The lock's entry, held in the outbox while the lock is in force (see <see cref="Refuse"/>).</summary>
    private long AuditLock(Actor actor, string scope, DateTimeOffset until, int wrongPasskeys, int callers)
    {
        Audit(actor, "switch-lock", "locked", new()
        {
            ["scope"] = scope,
            ["lockedUntil"] = until.ToString("O", CultureInfo.InvariantCulture),
            ["wrongPasskeys"] = wrongPasskeys.ToString(CultureInfo.InvariantCulture),
            ["callers"] = callers.ToString(CultureInfo.InvariantCulture),
            ["refusedAttempts"] = "0",
        });
        Announce(WebhookEventTypes.SwitchLocked);
        return State.AuditSequence;
    }

    /// <summary>
    /// An attempt while a lock refuses the caller: no write, no entry, no event of its own. It is counted into the
    /// lock's held entry (which goes to the log once the lock is over) and that count is written with the next state write.
    /// </summary>
    private SwitchResult Refuse(CallerLockout? caller, SwitchAttempts attempts, DateTimeOffset now)
    {
        var sequence = attempts.PairLocked ? State.PairLockAuditSequence : caller?.LockAuditSequence;
        var held = State.PendingAudit.FindIndex(entry => entry.Sequence == sequence);
        if (held >= 0)
        {
            var entry = State.PendingAudit[held];
            var refused = long.Parse(entry.Details.GetValueOrDefault("refusedAttempts", "0"), CultureInfo.InvariantCulture) + 1;
            State.PendingAudit[held] = entry with { Details = entry.Details.SetItem("refusedAttempts", refused.ToString(CultureInfo.InvariantCulture)) };
            _refusalsUnsaved = true;
        }

        return new SwitchResult(SwitchOutcome.LockedOut, ToStatus(now), attempts.LockedUntil, attempts);
    }

    private CallerLockout? FindCaller(Actor actor) =>
        State.CallerLockouts.Find(entry => entry.TenantId == actor.TenantId && entry.UserId == actor.UserId);

    /// <summary>Forgets wrong passkeys older than the window and callers with none left and no lock in force (keeps the state small).</summary>
    private void PruneLockouts(DateTimeOffset now)
    {
        State.RecentFailures.RemoveAll(failure => now - failure >= LockoutPolicy.Window);
        foreach (var caller in State.CallerLockouts)
        {
            caller.Failures.RemoveAll(failure => now - failure >= LockoutPolicy.Window);
        }

        State.CallerLockouts.RemoveAll(caller => caller.Failures.Count == 0 && !(caller.LockedUntil > now));
    }

    /// <summary>The caller's wrong passkeys left (the fewer of its own and the pair's) or, if locked, the lock that ends last.</summary>
    private SwitchAttempts AttemptsOf(CallerLockout? caller, DateTimeOffset now)
    {
        var callerUntil = caller?.LockedUntil > now ? caller.LockedUntil : null;
        var pairUntil = State.LockedUntil > now ? State.LockedUntil : null;
        if (pairUntil is not null && !(callerUntil > pairUntil))
        {
            return new SwitchAttempts(0, pairUntil, PairLocked: true);
        }

        if (callerUntil is not null)
        {
            return new SwitchAttempts(0, callerUntil, PairLocked: false);
        }

        var left = Math.Min(LockoutPolicy.CallerThreshold - (caller?.Failures.Count ?? 0), LockoutPolicy.PairThreshold - State.RecentFailures.Count);
        return new SwitchAttempts(Math.Max(0, left), null, PairLocked: false);
    }

    /// <summary>The audit sequences of the locks in force: their entries stay in the outbox to count refused attempts.</summary>
    private HashSet<long> HeldLockEntries(DateTimeOffset now)
    {
        var held = State.CallerLockouts.Where(caller => caller.LockedUntil > now && caller.LockAuditSequence is not null)
            .Select(caller => caller.LockAuditSequence!.Value).ToHashSet();
        if (State.LockedUntil > now && State.PairLockAuditSequence is { } pairEntry)
        {
            held.Add(pairEntry);
        }

        return held;
    }

    private void Audit(Actor actor, string action, string outcome, Dictionary<string, string> details)
    {
        State.AuditSequence++;
        State.PendingAudit.Add(new AuditEntry(
            State.AuditSequence, timeProvider.GetUtcNow(), actor.UserId, actor.TenantId, action, outcome, details.ToImmutableDictionary()));
    }

    /// <summary>Puts the audit entry just made into the event outbox too, for the pair's webhooks.</summary>
    private void Announce(string type)
    {
        var entry = State.PendingAudit[^1];
        State.PendingEvents.Add(PairEvent.Create(
            "pair", entry.Sequence, type, entry.At, this.GetPrimaryKeyString(), State.Epoch, entry.ActorUserId, entry.ActorTenantId, entry.Outcome, entry.Details));
    }

    /// <summary>
    /// Writes the state (the commit point); then, if the status changed, pushes it to the subscribers (one-way:
    /// nothing waits for them); then moves the committed audit entries to the log and the committed events to the webhooks grain.
    /// </summary>
    private async Task CommitAsync(bool statusChanged = false, Action? committed = null)
    {
        await SaveAsync();
        committed?.Invoke();
        if (statusChanged)
        {
            var status = ToStatus(timeProvider.GetUtcNow());
            await _observers.Notify(observer => observer.PairChanged(status));
        }

        await FlushAuditAsync();
        await EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, this.GetPrimaryKeyString(), State.PendingEvents);
    }

    private async Task FlushAuditAsync()
    {
        if (State.PendingAudit.Count == 0)
        {
            return;
        }

        // A switch's entry waits for its effect record (at most the deadline), so it is logged once, complete.
        // A lock's entry waits for the lock to end, counting the attempts it refuses (see Refuse).
        var heldLocks = HeldLockEntries(timeProvider.GetUtcNow());
        var ready = State.PendingAudit
            .Where(entry => !_effects.Values.Any(tracker => tracker.AuditSequence == entry.Sequence) && !heldLocks.Contains(entry.Sequence))
            .ToList();
        if (ready.Count == 0)
        {
            return;
        }

        try
        {
            await auditLog.AppendAsync(this.GetPrimaryKeyString(), ready);
            // Flushed entries leave the outbox with the next state write; appends are idempotent.
            State.PendingAudit.RemoveAll(ready.Contains);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The entries stay committed in state and are flushed on a later call.
        }
    }

    private PairStatus ToStatus(DateTimeOffset now) =>
        State.ToStatus(this.GetPrimaryKeyString(), now, State.LastSwitch is { } last && _effects.TryGetValue(last.Epoch, out var tracker) ? tracker.Snapshot(settle: false) : null);

    /// <summary>
    /// Right after a switch's commit, before its push: the nodes are the silos active now; those subscribed are
    /// pushed the switch and acknowledge it. A timer settles the record at the deadline, or at once when complete.
    /// </summary>
    private void TrackEffect()
    {
        var active = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .ToDictionary(member => member.SiloAddress, member => $"{member.Name} ({member.SiloAddress.Endpoint})");
        _observers.ClearExpired();
        var tracker = new SwitchEffectTracker(State.Epoch, State.AuditSequence, active, _observers.Observers.Keys.ToHashSet(), timeProvider);
        _effects[tracker.Epoch] = tracker;
        tracker.Timer = this.RegisterGrainTimer(
            SettleEffectAsync, tracker, tracker.Complete ? TimeSpan.Zero : SwitchEffect.Deadline, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Settles a switch's effect record in its own turn: written into the state (so status shows it after a restart),
    /// into the switch's held audit entry, and pushed (the silos' kept status shows it). Late acknowledgements change nothing.
    /// </summary>
    private async Task SettleEffectAsync(SwitchEffectTracker tracker, CancellationToken cancellationToken)
    {
        if (!_effects.Remove(tracker.Epoch))
        {
            return;
        }

        tracker.Timer?.Dispose();
        var effect = tracker.Snapshot(settle: true);
        var isLast = State.LastSwitch?.Epoch == effect.Epoch;
        if (isLast)
        {
            State.LastSwitchEffect = effect;
        }

        var held = State.PendingAudit.FindIndex(entry => entry.Sequence == tracker.AuditSequence);
        if (held >= 0)
        {
            State.PendingAudit[held] = State.PendingAudit[held] with { Details = State.PendingAudit[held].Details.SetItems(SwitchEffectDetails.Of(effect)) };
        }

        await CommitAsync(statusChanged: isLast);
    }

    /// <summary>The counts only: a failed write loses at most a count of refused attempts, never a decision.</summary>
    private async Task SaveRefusalCountsAsync()
    {
        try
        {
            await pair.WriteStateAsync();
            _refusalsUnsaved = false;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The activation is going anyway.
        }
    }

    /// <summary>
    /// Writes the state; when the write fails the in-memory state may be ahead of the store, so this
    /// activation goes and the next call starts from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await pair.WriteStateAsync();
            _refusalsUnsaved = false;
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
