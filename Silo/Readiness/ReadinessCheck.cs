namespace Orleans.Bcp.Silo.Readiness;

/// <summary>One check of a readiness report.</summary>
/// <param name="Id">Stable id (<see cref="ReadinessCheckIds"/>).</param>
/// <param name="Status">Pass, warn or fail.</param>
/// <param name="Summary">What was found, or what could not be read, in one sentence.</param>
/// <param name="Items">The entities concerned (at most <see cref="MaxItems"/>).</param>
/// <param name="Counts">Per entity type, for the drift check.</param>
public sealed record ReadinessCheck(
    string Id, ReadinessStatus Status, string Summary, IReadOnlyList<ReadinessItem> Items, IReadOnlyDictionary<string, DriftCounts>? Counts = null)
{
    /// <summary>A report stays small enough to poll: a check names this many entities at most (its summary counts them all).</summary>
    public const int MaxItems = 100;

    public static ReadinessCheck Of(string id, ReadinessStatus status, string summary, IEnumerable<ReadinessItem> items) =>
        new(id, status, summary, [.. items.Take(MaxItems)]);
}
