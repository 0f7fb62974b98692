using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Readiness;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// A pair's readiness report (README "Readiness"), kept on this silo for <see cref="ReadinessOptions.MaxAge"/>:
/// a console polling it, or many, costs one check per pair and period; callers that ask meanwhile share
/// the check under way. Each report's verdict is recorded with the pair's <see cref="IReadinessGrain"/>, which
/// knows when it changes. Nothing is written to a store.
/// </summary>
public sealed partial class PairReadiness(
    ReadinessGatherer gatherer, IGrainFactory grains, IOptions<ReadinessOptions> options, TimeProvider timeProvider, ILogger<PairReadiness> logger)
{
    private const int Capacity = 100_000;

    private readonly ConcurrentDictionary<string, (long StartedAt, Lazy<Task<ReadinessReport>> Report)> _kept = new(StringComparer.Ordinal);

    /// <summary>The pair's report, at most <see cref="ReadinessOptions.MaxAge"/> old (counted from when its check started).</summary>
    public async Task<ReadinessReport> GetAsync(PairStatus pair)
    {
        while (true)
        {
            var now = timeProvider.GetTimestamp();
            var kept = _kept.GetOrAdd(pair.PairId, _ => (now, new Lazy<Task<ReadinessReport>>(() => ComputeAsync(pair))));
            var task = kept.Report.Value;
            if ((timeProvider.GetElapsedTime(kept.StartedAt) <= options.Value.MaxAge || !task.IsCompleted) && !task.IsFaulted)
            {
                return await task;
            }

            // Too old (or it failed): check again, once for all who ask now.
            _kept.TryRemove(KeyValuePair.Create(pair.PairId, kept));
            if (_kept.Count >= Capacity)
            {
                _kept.Clear();
            }
        }
    }

    /// <summary>
    /// The failing check ids for a switch of the pair: the kept report, or one checked within <paramref name="wait"/>;
    /// null when none can be had in time (the switch goes on without it: the report never blocks a switch).
    /// </summary>
    public async Task<IReadOnlyList<string>?> FailingChecksAsync(PairStatus pair, TimeSpan wait)
    {
        var report = GetAsync(pair);
        try
        {
            return (await report.WaitAsync(wait)).FailingCheckIds;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    private async Task<ReadinessReport> ComputeAsync(PairStatus pair)
    {
        var checkedAt = timeProvider.GetUtcNow();
        var inputs = await gatherer.GatherAsync(pair, checkedAt);
        var report = ReadinessReport.Of(checkedAt,
        [
            LastSyncCheck.Build(inputs),
            DriftCheck.Build(inputs),
            VoiceContactsCheck.Build(inputs),
            ReferencesCheck.Build(inputs),
            ScriptsCheck.Build(inputs),
            BcpAccessCheck.Build(inputs),
            StoresCheck.Build(inputs),
        ]);
        await RecordAsync(pair.PairId, report);
        return report;
    }

    /// <summary>Tells the pair's readiness grain the verdict; a grain that cannot be reached in time costs the report nothing.</summary>
    private async Task RecordAsync(string pairId, ReadinessReport report)
    {
        var recorded = await BoundedRead.RunAsync(
            () => grains.GetGrain<IReadinessGrain>(pairId).RecordAsync(report.Verdict, report.CheckedAt), options.Value.ReadTimeout, "The readiness grain");
        if (recorded.Value is { Previous: { } previous } change)
        {
            VerdictChanged(logger, pairId, previous, change.Verdict);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness of pair {PairId} changed from {Previous} to {Verdict}")]
    private static partial void VerdictChanged(ILogger logger, string pairId, ReadinessVerdict previous, ReadinessVerdict verdict);
}
