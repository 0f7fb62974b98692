using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.SwitchReports;

/// <summary>
/// One switch's timeline and its recovery times, each measured from when the request reached the node
/// (docs/switch-reports.md). A time not (yet) known is null, and so are its milliseconds
/// (a report is shown once its switch is recorded, with its request and commit).
/// </summary>
/// <param name="Epoch">The epoch the switch produced.</param>
/// <param name="Side">The side it made active.</param>
/// <param name="Actor">Who switched.</param>
/// <param name="RequestedAt">When the switch request reached the node.</param>
/// <param name="CommittedAt">When the pair committed it.</param>
/// <param name="EffectiveEverywhereAt">When every node served the new side; null while counted, and for good if a node did not acknowledge within 1 s.</param>
/// <param name="FirstLoginOptionsAt">The first login-options answer, on any node, given with the new side; null until one is.</param>
/// <param name="FirstVoiceRoutingAt">The first voice-routing answer, on any node, given with the new side; null until one is.</param>
/// <param name="MsToCommit">Milliseconds from requestedAt to committedAt.</param>
/// <param name="MsToEffective">Milliseconds from requestedAt to effectiveEverywhereAt.</param>
/// <param name="MsToFirstLogin">Milliseconds from requestedAt to firstLoginOptionsAt.</param>
/// <param name="MsToFirstRouting">Milliseconds from requestedAt to firstVoiceRoutingAt.</param>
/// <param name="NodesAcknowledged">How many nodes served the new side by the effect record's deadline; null until settled.</param>
/// <param name="ApprovedAt">When a second person approved the switch; null when it needed no approval.</param>
/// <param name="MsToApproval">Milliseconds from requestedAt (the first person's request) to approvedAt.</param>
public sealed record SwitchReportDocument(
    long Epoch,
    PairRole Side,
    Actor Actor,
    DateTimeOffset RequestedAt,
    DateTimeOffset CommittedAt,
    DateTimeOffset? EffectiveEverywhereAt,
    DateTimeOffset? FirstLoginOptionsAt,
    DateTimeOffset? FirstVoiceRoutingAt,
    double MsToCommit,
    double? MsToEffective,
    double? MsToFirstLogin,
    double? MsToFirstRouting,
    int? NodesAcknowledged,
    DateTimeOffset? ApprovedAt,
    double? MsToApproval)
{
    /// <param name="report">A recorded switch.</param>
    /// <param name="pair">The pair as this node keeps it: its last switch's effect record fills in one the report has not received.</param>
    public static SwitchReportDocument From(SwitchReport report, PairStatus pair)
    {
        if (report.NodesAcknowledged is null && pair.LastSwitchEffect is { Settled: true } effect && effect.Epoch == report.Epoch)
        {
            report = report with { EffectiveEverywhereAt = effect.EffectiveEverywhereAt, NodesAcknowledged = effect.NodesAcknowledged };
        }

        var requested = report.RequestedAt!.Value;
        var committed = report.CommittedAt!.Value;
        return new(report.Epoch, report.Side!.Value, report.Actor!, requested, committed, report.EffectiveEverywhereAt,
            report.FirstLoginOptionsAt, report.FirstVoiceRoutingAt, Math.Round((committed - requested).TotalMilliseconds, 1), Since(requested, report.EffectiveEverywhereAt),
            Since(requested, report.FirstLoginOptionsAt), Since(requested, report.FirstVoiceRoutingAt), report.NodesAcknowledged,
            report.ApprovedAt, Since(requested, report.ApprovedAt));
    }

    private static double? Since(DateTimeOffset from, DateTimeOffset? to) =>
        to is { } at ? Math.Round((at - from).TotalMilliseconds, 1) : null;
}
