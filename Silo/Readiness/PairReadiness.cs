using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Readiness;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Silo.Caching;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// A pair's readiness report (docs/readiness.md), kept on this silo: for <see cref="ReadinessOptions.MaxAge"/> it is
/// answered as it is; after that the next caller starts a new check and — while the kept report is younger than
/// <see cref="StaleFactor"/> × MaxAge — is answered the kept one at once, so a poll never waits for a check (its
/// <c>checkedAt</c> says how old it is). Callers share the check under way. Each report's verdict is recorded
/// with the pair's <see cref="IReadinessGrain"/>, which knows when it changes (and writes only then).
/// </summary>
public sealed partial class PairReadiness(
    ReadinessGatherer gatherer, KeptChecks kept, IGrainFactory grains, SwitchPriority priority, IOptions<ReadinessOptions> options, IOptions<KeptEntriesOptions> keptOptions,
    TimeProvider timeProvider, ILogger<PairReadiness> logger)
{
    /// <summary>A kept report older than this many <see cref="ReadinessOptions.MaxAge"/>s is not answered: the caller waits for the new check.</summary>
    public const int StaleFactor = 5;

    private readonly BoundedMap<string, (ReadinessReport Report, long StartedAt, int Weight)> _latest =
        new(keptOptions.Value.ReadinessReportBytes, StringComparer.Ordinal, kept => kept.Weight);
    private readonly SharedCalls<string, ReadinessReport> _running = new(timeProvider, Timeout.InfiniteTimeSpan, comparer: StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(options.Value.MaxChecksAtOnce);

    /// <summary>The pair's report: kept (see the class remarks), or checked now.</summary>
    public Task<ReadinessReport> GetAsync(PairStatus pair) => Kept(pair, forSwitch: false) is { } kept ? Task.FromResult(kept) : Check(pair);

    /// <summary>
    /// The failing check ids for a switch of the pair to <paramref name="side"/> (<see cref="ReadinessReport.FailingCheckIdsFor"/>).
    /// A kept report no older than <see cref="StaleFactor"/> × MaxAge answers at once (one older than MaxAge is checked
    /// again in the background, as for a poll); only with none kept does the switch wait for a check, at most
    /// <paramref name="wait"/>, and go on without one not had in time (the report never blocks a switch). It starts that
    /// check only when no other switch is under way on this node and one of its <see cref="ReadinessOptions.MaxChecksAtOnce"/>
    /// slots is free: in a storm of switches they go on without one, and the stores serve the switches and logins.
    /// </summary>
    public async Task<IReadOnlyList<string>?> FailingChecksAsync(PairStatus pair, PairRole side, TimeSpan wait)
    {
        // While other switches are under way on this node (a storm), their writes and passkeys come first: no check.
        var report = Kept(pair, forSwitch: true) is { } kept ? Task.FromResult(kept) : priority.OthersUnderWay ? null : TryCheckNow(pair);
        if (report is null)
        {
            return null;
        }

        try
        {
            return (report.IsCompleted ? report.Result : await report.WaitAsync(wait)).FailingCheckIdsFor(side);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not in time (or the check broke): the switch goes on without it.
            return null;
        }
    }

    /// <summary>
    /// Checks the pair now, e.g. when a sync run ended, so a change of verdict is
    /// seen — and <c>readiness.changed</c> raised — without waiting for someone to ask.
    /// </summary>
    /// <remarks>Not shared with callers: one who asks after this began gets a check of their own when the kept report is too old.</remarks>
    public Task CheckNowAsync(PairStatus pair) => CheckAndKeepAsync(pair, slotHeld: false);

    /// <summary>The kept report if it may answer; one older than MaxAge is checked again in the background.</summary>
    /// <param name="pair">The pair.</param>
    /// <param name="forSwitch">
    /// For a switch: the check that refreshes a report older than MaxAge begins once no switch is under way on this node
    /// (at most MaxAge later), so its reads and CPU are not the switch's (Grains/Pairs/SwitchPriority.cs).
    /// </param>
    private ReadinessReport? Kept(PairStatus pair, bool forSwitch)
    {
        if (!_latest.TryGetValue(pair.PairId, out var latest))
        {
            return null;
        }

        var maxAge = options.Value.MaxAge;
        var age = timeProvider.GetElapsedTime(latest.StartedAt);
        if (age <= maxAge)
        {
            return latest.Report;
        }

        if (age > maxAge * StaleFactor)
        {
            return null;
        }

        _ = forSwitch ? CheckAfterSwitchesAsync(pair) : Check(pair);
        return latest.Report;
    }

    /// <summary>The check under way for the pair, or a new one once a slot is free; its report becomes the kept one.</summary>
    private Task<ReadinessReport> Check(PairStatus pair) => _running.RunAsync(pair.PairId, _ => CheckAndKeepAsync(pair, slotHeld: false));

    /// <summary>The check under way for the pair, or a new one if a slot is free now; null when none is.</summary>
    private Task<ReadinessReport>? TryCheckNow(PairStatus pair)
    {
        if (!_slots.Wait(0))
        {
            return null;
        }

        var started = false;
        var check = _running.RunAsync(pair.PairId, _ =>
        {
            started = true;
            return CheckAndKeepAsync(pair, slotHeld: true);
        });
        if (!started)
        {
            // Joined a check under way: the slot taken is not needed.
            _slots.Release();
        }

        return check;
    }

    private async Task CheckAfterSwitchesAsync(PairStatus pair)
    {
        try
        {
            await priority.YieldAsync(options.Value.MaxAge, CancellationToken.None);
            if (TryCheckNow(pair) is { } check)
            {
                await check;
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A refresh nobody waits for: the next caller checks again.
        }
    }

    /// <summary>Checks the pair in one of the node's slots (taken here unless <paramref name="slotHeld"/>) and keeps the report.</summary>
    private async Task<ReadinessReport> CheckAndKeepAsync(PairStatus pair, bool slotHeld)
    {
        if (!slotHeld)
        {
            await _slots.WaitAsync();
        }

        try
        {
            var startedAt = timeProvider.GetTimestamp();
            var report = await ComputeAsync(pair);
            Keep(pair.PairId, report, startedAt);
            return report;
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>Keeps a report unless one begun later is kept already (checks may end out of order).</summary>
    private void Keep(string pairId, ReadinessReport report, long startedAt)
    {
        var latest = (report, startedAt, WeightOf(report));
        _latest.AddOrUpdate(pairId, latest, kept => kept.StartedAt > startedAt ? kept : latest);
    }

    private async Task<ReadinessReport> ComputeAsync(PairStatus pair)
    {
        var checkedAt = timeProvider.GetUtcNow();
        var inputs = await gatherer.GatherAsync(pair, checkedAt);
        var report = ReadinessReport.Of(checkedAt,
        [
            LastSyncCheck.Build(inputs),
            kept.Get(pair.PairId, ReadinessCheckIds.Drift, DriftCheck.InputsOf(inputs), () => DriftCheck.Build(inputs)),
            VoiceContactsCheck.Build(inputs),
            ReferencesCheck.Build(inputs),
            kept.Get(pair.PairId, ReadinessCheckIds.Scripts, ScriptsCheck.InputsOf(inputs), () => ScriptsCheck.Build(inputs)),
            BcpAccessCheck.Build(inputs),
            StoresCheck.Build(inputs),
        ]) with { PrimaryStoreDown = inputs.Stores.Any(store => store.Role == "primary" && !store.Reachable) };
        await RecordAsync(pair, report);
        return report;
    }

    /// <summary>
    /// Tells the pair's readiness grain the verdict (a change raises <c>readiness.changed</c>); a grain that cannot be
    /// reached in time costs the report nothing.
    /// </summary>
    private async Task RecordAsync(PairStatus pair, ReadinessReport report)
    {
        var pairId = pair.PairId;
        var notPassing = report.Checks.Where(check => check.Status != ReadinessStatus.Pass).Select(check => check.Id).ToImmutableList();
        var recorded = await BoundedRead.RunAsync(
            () => grains.GetGrain<IReadinessGrain>(pairId).RecordAsync(report.Verdict, report.CheckedAt, pair.Epoch, notPassing),
            options.Value.ReadTimeout, "The readiness grain");
        if (recorded.Value is { Previous: { } previous } change)
        {
            VerdictChanged(logger, pairId, previous, change.Verdict);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Readiness of pair {PairId} changed from {Previous} to {Verdict}")]
    private static partial void VerdictChanged(ILogger logger, string pairId, ReadinessVerdict previous, ReadinessVerdict verdict);

    /// <summary>What a kept report takes on the heap: its checks' summaries and items (at most <see cref="ReadinessCheck.MaxItems"/> each), its slot.</summary>
    private static int WeightOf(ReadinessReport report)
    {
        var weight = HeapSizes.DictionarySlot + HeapSizes.Table;
        foreach (var check in report.Checks)
        {
            weight += HeapSizes.Table + HeapSizes.Of(check.Summary) + (check.Counts is null ? 0 : HeapSizes.Table * 2);
            foreach (var item in check.Items)
            {
                weight += HeapSizes.ObjectHeader + (6 * 8) + HeapSizes.Of(item.Type) + HeapSizes.Of(item.PrimaryId) + HeapSizes.Of(item.BcpId)
                    + HeapSizes.Of(item.Name) + HeapSizes.Of(item.Field) + HeapSizes.Of(item.Detail);
            }
        }

        return weight;
    }
}
