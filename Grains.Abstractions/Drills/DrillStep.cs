using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>One step of a drill (<see cref="DrillStepIds"/>).</summary>
/// <param name="Id">Which step.</param>
/// <param name="Status">Passed or failed.</param>
/// <param name="Summary">What was found, in one sentence.</param>
/// <param name="TookMs">How long the step took.</param>
/// <param name="Counts">Counts by outcome (logins per mode, points of contact per routing outcome, silos answering).</param>
/// <param name="Items">What the step looked at that matters (at most <see cref="MaxItems"/>; the counts count them all).</param>
[GenerateSerializer, Immutable, Alias("bcp.DrillStep")]
public sealed record DrillStep(
    string Id, DrillStatus Status, string Summary, long TookMs, ImmutableDictionary<string, int> Counts, ImmutableList<DrillItem> Items)
{
    /// <summary>A drill stays small enough to keep 50 of per pair.</summary>
    public const int MaxItems = 100;
}
