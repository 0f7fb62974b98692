using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Storage;

namespace Orleans.Bcp.Grains.SwitchReports;

/// <summary>
/// A pair's switch reports (docs/switch-reports.md). Each part of a report arrives on its own, one-way and in any
/// order; a part that changes nothing (a later first answer, a repeat) writes nothing, so the silos' first answers
/// cost at most one write each per switch.
/// </summary>
public sealed class SwitchReportGrain(
    [PersistentState("switchReports", StorageNames.Control)] IPersistentState<SwitchReportState> reports) : Grain, ISwitchReportGrain
{
    private List<SwitchReport> Reports => reports.State.Reports;

    public Task RecordSwitchAsync(long epoch, PairRole side, Actor actor, DateTimeOffset requestedAt, DateTimeOffset committedAt, DateTimeOffset? approvedAt = null) =>
        UpdateAsync(epoch, report => report.Recorded ? report : report with
        {
            Side = side, Actor = actor, RequestedAt = requestedAt, CommittedAt = report.CommittedAt ?? committedAt, ApprovedAt = approvedAt,
        });

    public Task RecordEffectAsync(SwitchEffect effect) =>
        UpdateAsync(effect.Epoch, report => report with
        {
            // The effect record counts from the moment the pair's write returned: the commit itself.
            CommittedAt = effect.EffectiveEverywhereAt - TimeSpan.FromMilliseconds(effect.EffectiveAfterMs ?? 0) ?? report.CommittedAt,
            EffectiveEverywhereAt = effect.EffectiveEverywhereAt,
            NodesAcknowledged = effect.NodesAcknowledged,
        });

    public Task RecordFirstAnswerAsync(long epoch, SwitchAnswerKind kind, DateTimeOffset at) =>
        UpdateAsync(epoch, report => kind switch
        {
            SwitchAnswerKind.LoginOptions when report.FirstLoginOptionsAt is null || at < report.FirstLoginOptionsAt => report with { FirstLoginOptionsAt = at },
            SwitchAnswerKind.VoiceRouting when report.FirstVoiceRoutingAt is null || at < report.FirstVoiceRoutingAt => report with { FirstVoiceRoutingAt = at },
            _ => report,
        });

    public Task<ImmutableList<SwitchReport>> ListAsync(int limit) =>
        Task.FromResult<ImmutableList<SwitchReport>>([.. Reports.Where(report => report.Recorded).Take(limit)]);

    public Task<SwitchReport?> GetAsync(long epoch) =>
        Task.FromResult(Reports.Find(report => report.Epoch == epoch && report.Recorded));

    /// <summary>Changes the report of <paramref name="epoch"/> (made when absent) and writes it if it changed.</summary>
    private async Task UpdateAsync(long epoch, Func<SwitchReport, SwitchReport> change)
    {
        var index = Reports.FindIndex(report => report.Epoch == epoch);
        if (index < 0 && Reports.Count >= ISwitchReportGrain.HistoryLimit && epoch < Reports[^1].Epoch)
        {
            // Older than every kept report: its report has been dropped already.
            return;
        }

        var current = index < 0 ? SwitchReport.Empty(epoch) : Reports[index];
        var changed = change(current);
        if (index >= 0 && changed == current)
        {
            return;
        }

        if (index >= 0)
        {
            Reports[index] = changed;
        }
        else
        {
            var at = Reports.FindIndex(report => report.Epoch < epoch);
            Reports.Insert(at < 0 ? Reports.Count : at, changed);
            if (Reports.Count > ISwitchReportGrain.HistoryLimit)
            {
                Reports.RemoveRange(ISwitchReportGrain.HistoryLimit, Reports.Count - ISwitchReportGrain.HistoryLimit);
            }
        }

        await StateWrites.WriteAsync(reports);
    }
}
