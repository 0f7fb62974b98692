using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// A run's progress per entity type, counted in memory by the engine (whose writes run in parallel)
/// and read by the runner, which reports it to the sync grain now and then — not once per entity.
/// </summary>
public sealed class SyncProgress
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Planned, int Done)> _types = new(StringComparer.Ordinal);

    /// <summary>Moves on every change, so a reporter can tell whether there is anything new to report.</summary>
    public long Version { get; private set; }

    /// <summary>Sets how many entities of <paramref name="type"/> the run looks at; none are done yet.</summary>
    public void Plan(string type, int planned)
    {
        lock (_lock)
        {
            _types[type] = (planned, 0);
            Version++;
        }
    }

    /// <summary>Counts <paramref name="count"/> more entities of <paramref name="type"/> as dealt with.</summary>
    public void Advance(string type, int count)
    {
        if (count == 0)
        {
            return;
        }

        lock (_lock)
        {
            var (planned, done) = _types.GetValueOrDefault(type);
            _types[type] = (planned, Math.Min(planned, done + count));
            Version++;
        }
    }

    /// <summary>The type is finished: everything planned is done (entities gone since the listing included).</summary>
    public void Complete(string type)
    {
        lock (_lock)
        {
            var (planned, _) = _types.GetValueOrDefault(type);
            _types[type] = (planned, planned);
            Version++;
        }
    }

    public ImmutableDictionary<string, TypeProgress> Snapshot()
    {
        lock (_lock)
        {
            return _types.ToImmutableDictionary(entry => entry.Key, entry => new TypeProgress(entry.Value.Planned, entry.Value.Done));
        }
    }
}
