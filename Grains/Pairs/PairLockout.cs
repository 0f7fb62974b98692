using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The switch's lockout (<see cref="LockoutPolicy"/>) over the pair's state: wrong passkeys counted per caller and
/// pair-wide, the locks they set, and what a caller may still try. The pair grain audits and writes what changes here.
/// </summary>
internal sealed class PairLockout(IPersistentState<TenantPairState> pair)
{
    private TenantPairState State => pair.State;

    public CallerLockout? FindCaller(Actor actor) =>
        State.CallerLockouts.Find(entry => entry.TenantId == actor.TenantId && entry.UserId == actor.UserId);

    /// <summary>Forgets wrong passkeys older than the window and callers with none left and no lock in force (keeps the state small).</summary>
    public void Prune(DateTimeOffset now)
    {
        State.RecentFailures.RemoveAll(failure => now - failure >= LockoutPolicy.Window);
        foreach (var caller in State.CallerLockouts)
        {
            caller.Failures.RemoveAll(failure => now - failure >= LockoutPolicy.Window);
        }

        State.CallerLockouts.RemoveAll(caller => caller.Failures.Count == 0 && !(caller.LockedUntil > now));
    }

    /// <summary>Counts a wrong passkey for <paramref name="actor"/> (its entry made if it has none) and for the pair.</summary>
    public CallerLockout CountFailure(Actor actor, CallerLockout? caller, DateTimeOffset now)
    {
        if (caller is null)
        {
            caller = new CallerLockout { TenantId = actor.TenantId, UserId = actor.UserId };
            State.CallerLockouts.Add(caller);
        }

        caller.Failures.Add(now);
        State.RecentFailures.Add(now);
        return caller;
    }

    /// <summary>Locks the caller at its threshold; true when it did.</summary>
    public bool LockCaller(CallerLockout caller, DateTimeOffset now)
    {
        if (caller.Failures.Count < LockoutPolicy.CallerThreshold)
        {
            return false;
        }

        caller.LockedUntil = now + LockoutPolicy.Duration;
        return true;
    }

    /// <summary>Locks the pair at its threshold; true when it did.</summary>
    public bool LockPair(DateTimeOffset now)
    {
        if (State.RecentFailures.Count < LockoutPolicy.PairThreshold)
        {
            return false;
        }

        State.LockedUntil = now + LockoutPolicy.Duration;
        return true;
    }

    /// <summary>How many callers gave wrong passkeys in the window (the pair-wide lock's entry names the count).</summary>
    public int CallersFailing => State.CallerLockouts.Count(entry => entry.Failures.Count > 0);

    /// <summary>A new passkey ends every lock: whoever guessed at the old one has nothing left to guess at.</summary>
    public void Clear()
    {
        State.RecentFailures.Clear();
        State.LockedUntil = null;
        State.PairLockAuditSequence = null;
        State.CallerLockouts.Clear();
    }

    /// <summary>The caller's wrong passkeys left (the fewer of its own and the pair's) or, if locked, the lock that ends last.</summary>
    public SwitchAttempts AttemptsOf(CallerLockout? caller, DateTimeOffset now)
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

    /// <summary>The audit entry of the lock that refuses <paramref name="attempts"/> (it counts the refused attempts).</summary>
    public long? EntryOf(CallerLockout? caller, SwitchAttempts attempts) =>
        attempts.PairLocked ? State.PairLockAuditSequence : caller?.LockAuditSequence;

    /// <summary>The audit sequences of the locks in force: their entries stay in the outbox to count refused attempts.</summary>
    public HashSet<long> HeldEntries(DateTimeOffset now)
    {
        var held = State.CallerLockouts.Where(caller => caller.LockedUntil > now && caller.LockAuditSequence is not null)
            .Select(caller => caller.LockAuditSequence!.Value).ToHashSet();
        if (State.LockedUntil > now && State.PairLockAuditSequence is { } pairEntry)
        {
            held.Add(pairEntry);
        }

        return held;
    }
}
