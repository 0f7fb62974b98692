using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>The pair grain's part that applies the lockout (<see cref="PairLockout"/>) to passkey attempts.</summary>
public sealed partial class TenantPairGrain
{
    public Task<SwitchAttempts?> GetAttemptsAsync(Actor actor)
    {
        if (!pair.RecordExists)
        {
            return Task.FromResult<SwitchAttempts?>(null);
        }

        var now = timeProvider.GetUtcNow();
        _lockout.Prune(now);
        return Task.FromResult<SwitchAttempts?>(_lockout.AttemptsOf(_lockout.FindCaller(actor), now));
    }

    /// <summary>A drill's passkey step: null when right; else the refusal a switch would get, counted the same way.</summary>
    public async Task<SwitchResult?> CheckPasskeyAsync(Actor actor, string passkey, PairRole side)
    {
        if (!pair.RecordExists)
        {
            return new SwitchResult(SwitchOutcome.PairNotFound, null, null);
        }

        var now = timeProvider.GetUtcNow();
        _lockout.Prune(now);
        var caller = _lockout.FindCaller(actor);
        var attempts = _lockout.AttemptsOf(caller, now);
        if (attempts.LockedUntil is not null)
        {
            return Refuse(caller, attempts, now);
        }

        return await hashing.VerifyAsync(passkey, State.Passkey!)
            ? null
            : await RejectWrongPasskeyAsync(actor, caller, new() { ["requestedSide"] = side.ToString().ToLowerInvariant(), ["mode"] = "drill" }, now);
    }

    /// <summary>
    /// A wrong passkey: audited and announced, counted for its caller and for the pair; the caller's 5th in the window
    /// locks the caller, the pair's 25th locks the pair. Each lock is one more audit entry and one <c>switch.locked</c> event.
    /// </summary>
    private async Task<SwitchResult> RejectWrongPasskeyAsync(Actor actor, CallerLockout? caller, Dictionary<string, string> details, DateTimeOffset now)
    {
        caller = _lockout.CountFailure(actor, caller, now);
        Announce(await AuditAsync(actor, "switch", "passkey-invalid", details), WebhookEventTypes.SwitchRejected);
        var callerLocks = _lockout.LockCaller(caller, now);
        if (callerLocks)
        {
            caller.LockAuditSequence = await AuditLockAsync(actor, "caller", caller.LockedUntil!.Value, caller.Failures.Count, callers: 1);
        }

        var pairLocks = _lockout.LockPair(now);
        if (pairLocks)
        {
            State.PairLockAuditSequence = await AuditLockAsync(actor, "pair", State.LockedUntil!.Value, State.RecentFailures.Count, _lockout.CallersFailing);
        }

        await CommitAsync(statusChanged: pairLocks);
        var attempts = _lockout.AttemptsOf(caller, now);
        return new SwitchResult(SwitchOutcome.PasskeyInvalid, ToStatus(now), attempts.LockedUntil, attempts, callerLocks || pairLocks);
    }

    /// <summary>The lock's entry, held in the outbox while the lock is in force (see <see cref="Refuse"/>).</summary>
    private async Task<long> AuditLockAsync(Actor actor, string scope, DateTimeOffset until, int wrongPasskeys, int callers)
    {
        var entry = await AuditAsync(actor, "switch-lock", "locked", SwitchAuditDetails.OfLock(scope, until, wrongPasskeys, callers));
        Announce(entry, WebhookEventTypes.SwitchLocked);
        return entry.Sequence;
    }

    /// <summary>
    /// An attempt while a lock refuses the caller: no write, no entry, no event of its own. It is counted into the
    /// lock's held entry (which goes to the trail once the lock is over) and that count is written with the next state write.
    /// </summary>
    private SwitchResult Refuse(CallerLockout? caller, SwitchAttempts attempts, DateTimeOffset now)
    {
        _refusalsUnsaved |= Audit.Amend(_lockout.EntryOf(caller, attempts), SwitchAuditDetails.CountRefused);
        return new SwitchResult(SwitchOutcome.LockedOut, ToStatus(now), attempts.LockedUntil, attempts);
    }
}
