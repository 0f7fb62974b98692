namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// An outgoing grain call filter that holds the calls it is told of without an answer, as a call to a grain that cannot
/// be placed (or whose store hangs) waits: what waits on such a call, in one process.
/// </summary>
public sealed class HeldGrainCalls : IOutgoingGrainCallFilter
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Func<IOutgoingGrainCallContext, bool>? _held;
    private int _count;

    /// <summary>How many calls were held.</summary>
    public int Count => _count;

    /// <summary>From now on, calls that <paramref name="filter"/> picks wait until <see cref="Release"/>.</summary>
    public void Hold(Func<IOutgoingGrainCallContext, bool> filter) => _held = filter;

    /// <summary>The held calls, and those after, go on.</summary>
    public void Release()
    {
        _held = null;
        _released.TrySetResult();
    }

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        if (_held is { } held && held(context))
        {
            Interlocked.Increment(ref _count);
            await _released.Task;
        }

        await context.Invoke();
    }
}
