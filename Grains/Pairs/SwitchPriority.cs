namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The switches under way on this node, which background work yields to: a sync run waits at its next step while one
/// is (Grains/Sync/SyncEngine.cs), so a switch's passkey hashing and writes do not share the node's CPU and store with
/// the run's listings and copies. The one who waits bounds the wait (a run: <c>Sync:SwitchPause</c> per step), so a storm of
/// switches slows a run but never stops it.
/// </summary>
public sealed class SwitchPriority
{
    private readonly Lock _lock = new();

    private int _underWay;

    // Completed whenever no switch is under way; a new one while one is.
    private TaskCompletionSource _idle = Idle();

    /// <summary>For a caller that is itself a switch under way: whether another one is too (a storm of switches, or a race).</summary>
    public bool OthersUnderWay => Volatile.Read(ref _underWay) > 1;

    /// <summary>Runs a switch, under way on this node until it ends.</summary>
    public async Task<T> WhileUnderWayAsync<T>(Func<Task<T>> switching)
    {
        Begin();
        try
        {
            return await switching();
        }
        finally
        {
            End();
        }
    }

    private void Begin()
    {
        lock (_lock)
        {
            if (_underWay++ == 0)
            {
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
        }
    }

    private void End()
    {
        TaskCompletionSource? ended = null;
        lock (_lock)
        {
            if (--_underWay == 0)
            {
                ended = _idle;
            }
        }

        ended?.TrySetResult();
    }

    /// <summary>Returns at once when no switch is under way; else when the last one ends, or after <paramref name="maxPause"/>.</summary>
    public ValueTask YieldAsync(TimeSpan maxPause, CancellationToken cancellationToken)
    {
        var idle = Volatile.Read(ref _idle).Task;
        return idle.IsCompleted || maxPause <= TimeSpan.Zero ? ValueTask.CompletedTask : new ValueTask(WaitAsync(idle, maxPause, cancellationToken));
    }

    private static async Task WaitAsync(Task idle, TimeSpan maxPause, CancellationToken cancellationToken)
    {
        try
        {
            // Real time, not the product's clock: the pause shares the CPU, it decides nothing.
            await idle.WaitAsync(maxPause, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Switches kept coming: the step goes on.
        }
    }

    private static TaskCompletionSource Idle()
    {
        var idle = new TaskCompletionSource();
        idle.SetResult();
        return idle;
    }
}
