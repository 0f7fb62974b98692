namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// Every problem found in a body, by field, so a client can fix them all at once. Transport-neutral:
/// the API answers them as a 400 validation problem, other writers treat any as a bug of theirs.
/// </summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            _errors[field] = messages = [];
        }

        messages.Add(message);
    }

    /// <summary>The messages by field name, in the order they were found.</summary>
    public IReadOnlyDictionary<string, string[]> ByField() =>
        _errors.ToDictionary(entry => entry.Key, entry => entry.Value.ToArray(), StringComparer.Ordinal);

    public override string ToString() =>
        string.Join(" ", _errors.SelectMany(entry => entry.Value.Select(message => $"{entry.Key}: {message}")));
}
