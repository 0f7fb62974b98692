using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Drills;

/// <summary>A drill as the API shows it (docs/drills.md).</summary>
/// <param name="DrillId">Its id.</param>
/// <param name="Outcome">Failed when any step failed.</param>
/// <param name="Side">The side a switch would have made active.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="TookMs">How long it took.</param>
/// <param name="Actor">Who ran it.</param>
/// <param name="Steps">The steps, in the order they ran.</param>
public sealed record DrillDocument(
    string DrillId, DrillStatus Outcome, PairRole Side, DateTimeOffset StartedAt, long TookMs, DrillActorDocument Actor, IReadOnlyList<DrillStepDocument> Steps)
{
    public static DrillDocument From(DrillReport report) => new(
        report.DrillId, report.Outcome, report.Side, report.StartedAt, report.TookMs, DrillActorDocument.From(report.Actor),
        [.. report.Steps.Select(DrillStepDocument.From)]);
}
