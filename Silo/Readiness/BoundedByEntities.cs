using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>Values by key, bounded by the entities they hold in all: past the capacity it is emptied and fills again.</summary>
internal sealed class BoundedByEntities<TKey, TValue>(int capacity, Func<TValue, int> entitiesOf)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    private int _entities;

    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => _values.TryGetValue(key, out value);

    public void Set(TKey key, TValue value)
    {
        var entities = entitiesOf(value);
        if (Interlocked.Add(ref _entities, entities) > capacity)
        {
            _values.Clear();
            Interlocked.Exchange(ref _entities, entities);
        }

        if (_values.TryGetValue(key, out var replaced))
        {
            Interlocked.Add(ref _entities, -entitiesOf(replaced));
        }

        _values[key] = value;
    }
}
