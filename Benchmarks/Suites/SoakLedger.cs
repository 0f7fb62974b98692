namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>Every configuration entity a 2xx acknowledged, shared by the mix's workers.</summary>
internal sealed class SoakLedger(IEnumerable<SoakEntity> seeded)
{
    private readonly object _gate = new();
    private readonly List<SoakEntity> _entities = [.. seeded];

    public IReadOnlyList<SoakEntity> Entities
    {
        get
        {
            lock (_gate)
            {
                return [.. _entities];
            }
        }
    }

    public void Add(SoakEntity entity)
    {
        lock (_gate)
        {
            _entities.Add(entity);
        }
    }

    /// <summary>An entity no other worker is editing, taken for one edit (give it back with <see cref="SoakEntity.Release"/>); null if none is free.</summary>
    public SoakEntity? TakeForEdit()
    {
        lock (_gate)
        {
            for (var attempt = 0; attempt < 5 && _entities.Count > 0; attempt++)
            {
                var entity = _entities[Random.Shared.Next(_entities.Count)];
                if (entity.TryTake())
                {
                    return entity;
                }
            }

            return null;
        }
    }
}
