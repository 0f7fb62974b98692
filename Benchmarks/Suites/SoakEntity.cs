namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// A configuration entity a 2xx acknowledged, with the content of its last acknowledged write. Edits
/// whose outcome is unknown (no answer, a 5xx, a killed node) after that are kept as possible contents:
/// such a write may have landed. One edit at a time per entity (<see cref="TryTake"/>), so "last" is well defined.
/// </summary>
internal sealed class SoakEntity(SoakPair pair, string type, string id, IReadOnlyDictionary<string, string> fixedFields, string field, string value, string? etag)
{
    private int _busy;

    public SoakPair Pair { get; } = pair;

    public string Type { get; } = type;

    public string Id { get; } = id;

    /// <summary>Fields every write sends unchanged (a user's username).</summary>
    public IReadOnlyDictionary<string, string> FixedFields { get; } = fixedFields;

    /// <summary>The field the edits change.</summary>
    public string Field { get; } = field;

    public string Value { get; private set; } = value;

    /// <summary>The acknowledged write's ETag; null once an unknown outcome made it unreliable (the next edit is then unconditional).</summary>
    public string? ETag { get; private set; } = etag;

    public List<string> PossibleValues { get; } = [];

    public int Edits { get; private set; }

    public bool TryTake() => Interlocked.CompareExchange(ref _busy, 1, 0) == 0;

    public void Release() => Volatile.Write(ref _busy, 0);

    public Dictionary<string, string> Body(string value) => new(FixedFields) { [Field] = value };

    public void Acknowledged(string value, string? etag)
    {
        Value = value;
        ETag = etag;
        PossibleValues.Clear();
        Edits++;
    }

    public void Uncertain(string value)
    {
        PossibleValues.Add(value);
        ETag = null;
    }
}
