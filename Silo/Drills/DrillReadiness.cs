using System.Text.Json;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Readiness;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Silo.Readiness;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>
/// The drill's <c>readiness</c> step: the pair's readiness report (<see cref="PairReadiness"/>, as the readiness read answers it).
/// The report is about the BCP tenant carrying the calls, so only a drill to the BCP side fails on a not-ready verdict.
/// </summary>
public sealed class DrillReadiness(PairReadiness readiness)
{
    public async Task<DrillStep> RunAsync(PairStatus pair, PairRole side)
    {
        var report = await readiness.GetAsync(pair);
        var verdict = Name(report.Verdict);
        var notPassing = report.Checks.Where(check => check.Status != ReadinessStatus.Pass).ToList();
        var items = notPassing.OrderBy(check => check.Status != ReadinessStatus.Fail)
            .Select(check => new DrillItem(check.Id, null, Name(check.Status), check.Summary));
        var counts = DrillSteps.Count(report.Checks.Select(check => Name(check.Status)), "pass", "warn", "fail");
        var failing = report.FailingCheckIds;
        var summary = $"The readiness verdict is {verdict}" + (failing.Count > 0 ? $"; failing: {string.Join(", ", failing)}." : ".") +
            (side == PairRole.Primary ? " It concerns the BCP tenant, so it does not fail a drill to the primary side." : "");
        return DrillSteps.Of(DrillStepIds.Readiness, side == PairRole.Primary || report.Verdict != ReadinessVerdict.NotReady, summary, counts, items);
    }

    private static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
