using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Storage;
using Orleans.Utilities;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// Owns a pair's active side, epoch, passkey and lockout. Every attempt changes state (failure
/// count, audit sequence) and is written before the reply, so concurrent silos are linearized by
/// the store's ETag check. Every change that alters the status is pushed to the subscribed silos
/// (<see cref="IPairStateObserver"/>) once it is written, before the reply.
/// </summary>
public sealed class TenantPairGrain(
    [PersistentState("pair", StorageNames.Control)] IPersistentState<TenantPairState> pair,
    IAuditLog auditLog,
    TimeProvider timeProvider,
    ILogger<TenantPairGrain> logger) : Grain, ITenantPairGrain
{
    /// <summary>How long a subscription holds unless renewed (a silo that died stops renewing and is dropped).</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<IPairStateObserver> _observers = new(SubscriptionLifetime, logger);

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

    public Task<PairStatus?> SubscribeAsync(IPairStateObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return GetStatusAsync();
    }

    public Task UnsubscribeAsync(IPairStateObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        // The subscriptions die with this activation: the next one would push to nobody until the silos renew.
        var pairId = this.GetPrimaryKeyString();
        await _observers.Notify(observer => observer.SubscriptionEnded(pairId));
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    public async Task<SwitchResult> SwitchAsync(SwitchCommand command)
    {
        if (!pair.RecordExists)
        {
            return new SwitchResult(SwitchOutcome.PairNotFound, null, null);
        }

        var now = timeProvider.GetUtcNow();
        State.RecentFailures.RemoveAll(failure => now - failure >= LockoutPolicy.Window);
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
            if (State.LockedUntil is { } lockedUntil && lockedUntil > now)
            {
                return await RejectAsync(command.Actor, SwitchOutcome.LockedOut, "locked-out", details, now, statusChanged: false);
            }

            if (!Passkey.Verify(command.Passkey, State.Passkey!))
            {
                State.RecentFailures.Add(now);
                var locks = State.RecentFailures.Count >= LockoutPolicy.Threshold;
                if (locks)
                {
                    State.LockedUntil = now + LockoutPolicy.Duration;
                    details["lockedUntil"] = State.LockedUntil.Value.ToString("O");
                }

                return await RejectAsync(command.Actor, SwitchOutcome.PasskeyInvalid, "passkey-invalid", details, now, statusChanged: locks);
            }
        }

        if (State.ActiveSide == command.Side)
        {
            details["epoch"] = State.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
            Audit(command.Actor, "switch", "already-active", details);
            await CommitAsync();
            return new SwitchResult(SwitchOutcome.AlreadyActive, ToStatus(now), null);
        }

        State.ActiveSide = command.Side;
        State.Epoch++;
        State.LastSwitch = new LastSwitch(now, command.Actor, command.Side, State.Epoch);
        details["epoch"] = State.Epoch.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Audit(command.Actor, "switch", "switched", details);
        await CommitAsync(statusChanged: true);
        return new SwitchResult(SwitchOutcome.Switched, ToStatus(now), null);
    }

    public async Task<string?> RotatePasskeyAsync(Actor actor)
    {
        if (!pair.RecordExists)
        {
            return null;
        }

        var passkey = Passkey.Generate();
        State.Passkey = Passkey.Hash(passkey);
        // Whoever guessed at the old passkey has nothing left to guess at: the lockout ends.
        State.RecentFailures.Clear();
        State.LockedUntil = null;
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

    private async Task<SwitchResult> RejectAsync(
        Actor actor, SwitchOutcome outcome, string auditOutcome, Dictionary<string, string> details, DateTimeOffset now, bool statusChanged)
    {
        Audit(actor, "switch", auditOutcome, details);
        await CommitAsync(statusChanged);
        var lockedUntil = State.LockedUntil > now ? State.LockedUntil : null;
        return new SwitchResult(outcome, ToStatus(now), lockedUntil);
    }

    private void Audit(Actor actor, string action, string outcome, Dictionary<string, string> details)
    {
        State.AuditSequence++;
        State.PendingAudit.Add(new AuditEntry(
            State.AuditSequence, timeProvider.GetUtcNow(), actor.UserId, actor.TenantId, action, outcome, details.ToImmutableDictionary()));
    }

    /// <summary>
    /// Writes the state (the commit point); then, if the status changed, pushes it to the subscribers (one-way:
    /// nothing waits for them); then moves the committed audit entries to the log.
    /// </summary>
    private async Task CommitAsync(bool statusChanged = false)
    {
        await SaveAsync();
        if (statusChanged)
        {
            var status = ToStatus(timeProvider.GetUtcNow());
            await _observers.Notify(observer => observer.PairChanged(status));
        }

        await FlushAuditAsync();
    }

    private async Task FlushAuditAsync()
    {
        if (State.PendingAudit.Count == 0)
        {
            return;
        }

        try
        {
            await auditLog.AppendAsync(this.GetPrimaryKeyString(), State.PendingAudit);
            // Flushed entries leave the outbox with the next state write; appends are idempotent.
            State.PendingAudit.Clear();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The entries stay committed in state and are flushed on a later call.
        }
    }

    private PairStatus ToStatus(DateTimeOffset now)
    {
        var active = State.ActiveSide == PairRole.Primary ? State.Primary! : State.Bcp!;
        return new PairStatus(
            this.GetPrimaryKeyString(),
            State.Primary!,
            State.Bcp!,
            State.ActiveSide,
            active.TenantId,
            active.AccountName,
            State.Epoch,
            State.LastSwitch,
            State.LockedUntil > now ? State.LockedUntil : null,
            State.CreatedAt);
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
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
