namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// An outgoing grain call filter that makes the calls it is told of fail as a call to a silo that died and is not yet
/// declared dead does (<see cref="SiloUnavailableException"/>): a crash's effect on one grain, in one process.
/// </summary>
public sealed class UnreachableGrains : IOutgoingGrainCallFilter
{
    private volatile Func<IOutgoingGrainCallContext, bool>? _unreachable;

    /// <summary>How many calls failed as unreachable.</summary>
    public int Refused => _refused;

    private int _refused;

    /// <summary>From now on, calls that <paramref name="filter"/> picks fail as unreachable.</summary>
    public void Cut(Func<IOutgoingGrainCallContext, bool> filter) => _unreachable = filter;

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        if (_unreachable is { } unreachable && unreachable(context))
        {
            Interlocked.Increment(ref _refused);
            throw new SiloUnavailableException("The grain's silo is unreachable (test).");
        }

        return context.Invoke();
    }
}
