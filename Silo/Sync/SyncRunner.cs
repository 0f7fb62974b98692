using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Pairs;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Silo.Diagnostics;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Readiness;

namespace Orleans.Bcp.Silo.Sync;

/// <summary>
/// Executes sync runs that the pair's sync grain started on this silo, outside any grain turn: runs
/// the engine with a heartbeat and a <see cref="RunFence"/>, and reports the end to the grain. A run whose fence
/// shuts (the pair switched, or another run took over) ends <see cref="SyncOutcome.Cancelled"/> with the reason.
/// </summary>
public sealed partial class SyncRunner(
    IGrainFactory grains,
    SyncEngine engine,
    PairReadiness readiness,
    PairStateCache pairs,
    SwitchPriority priority,
    BcpMetrics metrics,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider,
    ILogger<SyncRunner> logger)
    : ISyncWorker
{
    private const int MaxWarnings = 500;

    private readonly ConcurrentDictionary<string, Task> _running = new();

    /// <summary>How often a running run's progress goes to the sync grain (when it moved): live enough for a console, cheap for the grain.</summary>
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(500);

    private TimeSpan HeartbeatInterval => options.Value.HeartbeatTimeout / 4;

    public void Start(string pairId, SyncRunToken run, SyncTrigger trigger) =>
        _running[run.RunId] = Task.Run(async () =>
        {
            await ExecuteAsync(pairId, run, trigger);
            _running.TryRemove(run.RunId, out _);
        });

    /// <summary>Waits for the runs this silo started (shutdown, tests).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_running.Values);

    private async Task<SyncRunReport> ExecuteAsync(string pairId, SyncRunToken run, SyncTrigger trigger)
    {
        var runId = run.RunId;
        var sync = grains.GetGrain<ISyncReminderGrain>(pairId);
        var startedAt = timeProvider.GetUtcNow();
        var progress = new SyncProgress();
        var reporter = new ProgressReporter(sync, runId, progress);
        RunFence? fence = null;
        using var heartbeat = timeProvider.CreateTimer(_ => _ = HeartbeatAsync(sync, runId, () => fence), null, HeartbeatInterval, HeartbeatInterval);
        using var progressTimer = timeProvider.CreateTimer(_ => _ = reporter.ReportAsync(), null, ProgressInterval, ProgressInterval);
        SyncRunReport report;
        var nothing = new SyncResult(ImmutableDictionary<string, TypeCounts>.Empty, []);
        try
        {
            var status = await grains.GetGrain<ITenantPairGrain>(pairId).GetStatusAsync()
                ?? throw new InvalidOperationException($"Pair {pairId} does not exist.");
            var settings = await sync.GetSettingsAsync();
            if (SkipReasonOf(status.ActiveSide, settings) is { } skipReason)
            {
                LogSkipped(pairId, runId, skipReason);
                report = Report(runId, trigger, startedAt, SyncOutcome.Skipped, nothing, null, progress) with { SkipReason = skipReason };
            }
            else
            {
                LogStarted(pairId, runId, trigger);
                var plan = new SyncPlan(
                    pairId,
                    new TenantLocation(status.Primary.TenantId, status.Primary.Region),
                    new TenantLocation(status.Bcp.TenantId, status.Bcp.Region),
                    settings.EntityTypes,
                    settings.RewriteScriptIds) { ApprovedDeletes = await sync.GetDeleteApprovalAsync(runId) };
                // The epoch read here is the one the run may write at: any switch from now on shuts the fence.
                fence = new RunFence(pairs, sync, pairId, status.Epoch, run, timeProvider);
                var running = fence;
                var result = await engine.RunAsync(plan, async () =>
                {
                    await reporter.ReportAsync();
                    running.Heartbeat(await sync.HeartbeatAsync(runId));
                    running.ThrowIfShut();
                }, progress, fence, fence.Stopped);
                report = Report(runId, trigger, startedAt, SyncOutcome.Succeeded, result, null, progress)
                    with { HeldDeletes = result.HeldDeletes.Count > 0 ? [.. result.HeldDeletes] : null };
                LogFinished(pairId, runId, (timeProvider.GetUtcNow() - startedAt).TotalMilliseconds, result.Warnings.Count);
                if (result.HeldDeletes.Count > 0)
                {
                    LogDeletesHeld(pairId, runId, HeldDeletesText.Counts(result.HeldDeletes), HeldDeletesText.Reasons(result.HeldDeletes));
                }
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && CancelReasonOf(ex, fence) is { } cancelReason)
        {
            // What was written stays; the intents recorded before the writes let the next run resume without a duplicate.
            LogCancelled(pairId, runId, cancelReason);
            report = Report(runId, trigger, startedAt, SyncOutcome.Cancelled, nothing, null, progress) with { CancelReason = cancelReason };
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogFailed(ex, pairId, runId);
            var (code, message) = SyncFailures.Of(ex);
            report = Report(runId, trigger, startedAt, SyncOutcome.Failed, nothing, message, progress) with { ErrorCode = code };
        }

        metrics.SyncRunEnded(trigger.ToString().ToLowerInvariant(), report.Outcome.ToString().ToLowerInvariant(), timeProvider.GetUtcNow() - startedAt);
        try
        {
            await sync.CompleteRunAsync(report);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The run stays "running" until its heartbeat times out; the next run takes over.
            LogCompletionLost(ex, pairId, runId);
        }

        await RecheckReadinessAsync(pairId);
        return report;
    }

    /// <summary>Keeps the run alive; an answer that it is no longer current shuts its fence (another run took over).</summary>
    private async Task HeartbeatAsync(ISyncReminderGrain sync, string runId, Func<RunFence?> fence)
    {
        try
        {
            var current = await sync.HeartbeatAsync(runId);
            fence()?.Heartbeat(current);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A missed heartbeat is retried by the next tick; enough of them and the run is taken over, which its fence sees.
            LogHeartbeatFailed(ex, pairId: sync.GetPrimaryKeyString(), runId);
        }
    }

    /// <summary>The run stopped because its fence shut (a fenced write, or a loop stopped by the fence's cancellation).</summary>
    private static SyncCancelReason? CancelReasonOf(Exception exception, RunFence? fence) =>
        exception is RunFencedException fenced ? fenced.Reason
        : exception is OperationCanceledException ? fence?.Reason
        : null;

    /// <summary>A run changes what readiness sees: check it now, so a change of verdict is announced without waiting for a poll.</summary>
    private async Task RecheckReadinessAsync(string pairId)
    {
        try
        {
            // Second to a switch under way, as the run's steps were (SwitchPriority.cs).
            await priority.YieldAsync(options.Value.SwitchPause, CancellationToken.None);
            if (await grains.GetGrain<ITenantPairGrain>(pairId).GetStatusAsync() is { } status)
            {
                await readiness.CheckNowAsync(status);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogReadinessCheckFailed(ex, pairId);
        }
    }

    /// <summary>A run is skipped while the BCP side is active (docs/sync.md), and while sync is disabled.</summary>
    private static SyncSkipReason? SkipReasonOf(PairRole activeSide, SyncSettings settings) =>
        activeSide == PairRole.Bcp ? SyncSkipReason.BcpActive
        : !settings.Enabled ? SyncSkipReason.Disabled
        : null;

    private SyncRunReport Report(
        string runId, SyncTrigger trigger, DateTimeOffset startedAt, SyncOutcome outcome, SyncResult result, string? error, SyncProgress progress) =>
        new(runId, trigger, startedAt, timeProvider.GetUtcNow(), outcome, result.Counts.ToImmutableDictionary(), [.. result.Warnings.Take(MaxWarnings)], error,
            progress.Snapshot());

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} of pair {PairId} started ({Trigger})")]
    private partial void LogStarted(string pairId, string runId, SyncTrigger trigger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} of pair {PairId} finished in {ElapsedMs} ms with {Warnings} warnings")]
    private partial void LogFinished(string pairId, string runId, double elapsedMs, int warnings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} of pair {PairId} held deletes ({HeldDeletes}; {HeldReasons}): nothing of those types was deleted")]
    private partial void LogDeletesHeld(string pairId, string runId, string heldDeletes, string heldReasons);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sync run {RunId} of pair {PairId} skipped ({SkipReason})")]
    private partial void LogSkipped(string pairId, string runId, SyncSkipReason skipReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} of pair {PairId} cancelled ({CancelReason}): it writes nothing more")]
    private partial void LogCancelled(string pairId, string runId, SyncCancelReason cancelReason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A heartbeat of sync run {RunId} of pair {PairId} failed")]
    private partial void LogHeartbeatFailed(Exception exception, string pairId, string runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Sync run {RunId} of pair {PairId} failed")]
    private partial void LogFailed(Exception exception, string pairId, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync run {RunId} of pair {PairId} ended but its end could not be recorded")]
    private partial void LogCompletionLost(Exception exception, string pairId, string runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The readiness of pair {PairId} could not be checked after a sync run")]
    private partial void LogReadinessCheckFailed(Exception exception, string pairId);
}
