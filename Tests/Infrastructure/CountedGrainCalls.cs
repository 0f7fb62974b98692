using System.Collections.Concurrent;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>An outgoing grain call filter that counts the calls a silo makes, per target grain.</summary>
public sealed class CountedGrainCalls : IOutgoingGrainCallFilter
{
    private readonly ConcurrentDictionary<GrainId, int> _byTarget = new();

    /// <summary>Calls made to grains of <paramref name="type"/> whose key <paramref name="picks"/> picks.</summary>
    public int To(GrainType type, Func<string, bool> picks) =>
        _byTarget.Where(entry => entry.Key.Type == type && picks(entry.Key.Key.ToString()!)).Sum(entry => entry.Value);

    public void Reset() => _byTarget.Clear();

    public Task Invoke(IOutgoingGrainCallContext context)
    {
        _byTarget.AddOrUpdate(context.TargetId, 1, (_, count) => count + 1);
        return context.Invoke();
    }
}
