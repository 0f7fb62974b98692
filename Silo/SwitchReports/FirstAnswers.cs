using System.Collections.Concurrent;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;

namespace Orleans.Bcp.Silo.SwitchReports;

/// <summary>
/// Times the first login-options and voice-routing answers after a switch for its report
/// (<see cref="ISwitchReportGrain"/>). On the hot paths: an answer whose epoch this silo has reported already costs
/// a dictionary read and a compare; only the first answer per silo, pair, kind and epoch sends a one-way call.
/// </summary>
public sealed class FirstAnswers(IGrainFactory grains, TimeProvider timeProvider)
{
    private readonly ConcurrentDictionary<string, ReportedEpochs> _reported = new(StringComparer.Ordinal);

    /// <summary>An answer of <paramref name="kind"/> was given with <paramref name="pairId"/>'s <paramref name="epoch"/>.</summary>
    public void Answered(string? pairId, long? epoch, SwitchAnswerKind kind)
    {
        // Epoch 0: the pair has never switched, so there is no report to time.
        if (pairId is null || epoch is not > 0)
        {
            return;
        }

        if (!_reported.TryGetValue(pairId, out var reported))
        {
            reported = _reported.GetOrAdd(pairId, static _ => new ReportedEpochs());
        }

        if (reported.TryClaim(kind, epoch.Value))
        {
            // One-way: returns at once, and a lost call only leaves the report's time to another silo.
            _ = grains.GetGrain<ISwitchReportGrain>(pairId).RecordFirstAnswerAsync(epoch.Value, kind, timeProvider.GetUtcNow());
        }
    }
}
