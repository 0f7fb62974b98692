namespace Orleans.Bcp.Silo.Failback;

/// <summary>
/// One type's count of BCP changes a return overwrites, with the listings it was counted from, held weakly so the
/// count never keeps alive what the bounded maps dropped (Silo/Readiness/KeptListings.cs).
/// </summary>
internal sealed class KeptCount(IReadOnlyDictionary<string, string> bcp, IReadOnlyDictionary<string, string>? primary, int count)
{
    private readonly WeakReference<IReadOnlyDictionary<string, string>> _bcp = new(bcp);
    private readonly WeakReference<IReadOnlyDictionary<string, string>>? _primary = primary is null ? null : new(primary);

    public int Count { get; } = count;

    /// <summary>Whether it was counted from these very listings (the kept ones come back as the same instances while nothing changed).</summary>
    public bool CountedFrom(IReadOnlyDictionary<string, string> bcp, IReadOnlyDictionary<string, string>? primary) =>
        _bcp.TryGetTarget(out var keptBcp) && ReferenceEquals(keptBcp, bcp)
        && (_primary is null ? primary is null : _primary.TryGetTarget(out var keptPrimary) && ReferenceEquals(keptPrimary, primary));
}
