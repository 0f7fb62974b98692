using Orleans.Bcp.Grains.Abstractions.Drills;

namespace Orleans.Bcp.Api.Drills;

/// <summary>One step of a drill: <c>passkey</c>, <c>readiness</c>, <c>logins</c>, <c>routing</c> or <c>nodes</c>.</summary>
/// <param name="Id">Which step.</param>
/// <param name="Status">Passed or failed.</param>
/// <param name="Summary">What was found, in one sentence.</param>
/// <param name="TookMs">How long the step took.</param>
/// <param name="Counts">Counts by outcome: logins per mode, points of contact per routing outcome, checks per status, silos answering.</param>
/// <param name="Items">What matters of what the step looked at (at most 100; the counts count them all).</param>
public sealed record DrillStepDocument(
    string Id, DrillStatus Status, string Summary, long TookMs, IReadOnlyDictionary<string, int> Counts, IReadOnlyList<DrillItemDocument> Items)
{
    public static DrillStepDocument From(DrillStep step) =>
        new(step.Id, step.Status, step.Summary, step.TookMs, step.Counts, [.. step.Items.Select(DrillItemDocument.From)]);
}
