namespace Orleans.Bcp.Silo.Storage;

/// <summary>One page of a prefix listing; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record ObjectPage(IReadOnlyList<ListedObject> Objects, string? ContinuationToken)
{
    public IEnumerable<string> Keys => Objects.Select(listed => listed.Key);
}
