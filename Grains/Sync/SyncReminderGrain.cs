using System.Globalization;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Runtime;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Runtime;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// A pair's sync settings, reminder, current run and history. Starting a run is a conditional
/// state write, so two silos asked at once start one run between them.
/// </summary>
public sealed class SyncReminderGrain(
    IGrainContext context,
    [PersistentState("sync", StorageNames.Control)] IPersistentState<SyncState> sync,
    IReminderRegistry reminders,
    IGrainFactory grains,
    TimeProvider timeProvider) : ISyncReminderGrain
{
    /// <summary>A run whose worker has not reported for this long is considered dead.</summary>
    public static readonly TimeSpan HeartbeatTimeout = TimeSpan.FromSeconds(30);

    private const int HistoryLimit = 50;
    private static readonly Actor System = new("system", "system");

    private SyncState State => sync.State;

    public Task<SyncSettings> GetSettingsAsync() => Task.FromResult(ToSettings());

    public async Task<SyncSettings> UpdateSettingsAsync(SyncSettingsUpdate update, Actor actor)
    {
        var now = timeProvider.GetUtcNow();
        var enabling = update.Enabled && !State.Enabled;
        State.Mode = update.Mode;
        State.EntityTypes = update.Mode == SyncMode.Custom ? [.. update.EntityTypes.Distinct()] : [];
        State.RewriteScriptIds = update.RewriteScriptIds;
        State.Enabled = update.Enabled;
        if (enabling)
        {
            State.EnabledAt = now;
        }

        await sync.WriteStateAsync();
        if (update.Enabled)
        {
            await reminders.RegisterOrUpdateAsync(SyncSchedule.ReminderName, context.Key, SyncSchedule.FirstTick(State.EnabledAt!.Value), SyncSchedule.Period);
        }
        else
        {
            await reminders.UnregisterAsync(SyncSchedule.ReminderName, context.Key);
        }

        var settings = ToSettings();
        await Pair.RecordAsync(actor, "sync-settings", update.Enabled ? "enabled" : "disabled", new Dictionary<string, string>
        {
            ["mode"] = update.Mode.ToString().ToLowerInvariant(),
            ["entityTypes"] = string.Join(",", State.EntityTypes),
            ["rewriteScriptIds"] = update.RewriteScriptIds ? "true" : "false",
            ["dailyAt"] = settings.DailyAt?.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) ?? "",
        });
        return settings;
    }

    public async Task<StartRunResult> TryStartRunAsync(SyncTrigger trigger, DateTimeOffset? scheduledFor)
    {
        var now = timeProvider.GetUtcNow();
        if (scheduledFor is { } tick && (!State.Enabled || State.LastScheduledTickServed >= tick))
        {
            return new StartRunResult(false, null, AlreadyDone: true);
        }

        if (State.Current is { } current)
        {
            if (now - current.HeartbeatAt < HeartbeatTimeout)
            {
                return new StartRunResult(false, current.RunId, AlreadyDone: false);
            }

            Record(Report(current) with { FinishedAt = now, Outcome = SyncOutcome.Failed, Error = "The run's worker stopped reporting; a new run took over." });
        }

        var run = new CurrentRun(Guid.NewGuid().ToString("N"), trigger, now, now, scheduledFor);
        State.Current = run;
        Record(Report(run));
        await sync.WriteStateAsync();
        await Pair.RecordAsync(System, "sync-run", "started", new Dictionary<string, string>
        {
            ["runId"] = run.RunId,
            ["trigger"] = trigger.ToString().ToLowerInvariant(),
        });
        return new StartRunResult(true, run.RunId, AlreadyDone: false);
    }

    public async Task<bool> HeartbeatAsync(string runId)
    {
        if (State.Current?.RunId != runId)
        {
            return false;
        }

        State.Current = State.Current with { HeartbeatAt = timeProvider.GetUtcNow() };
        await sync.WriteStateAsync();
        return true;
    }

    public async Task CompleteRunAsync(SyncRunReport report)
    {
        if (State.Current?.RunId == report.RunId)
        {
            if (State.Current.ScheduledFor is { } tick && report.Outcome != SyncOutcome.Failed)
            {
                State.LastScheduledTickServed = tick;
            }

            State.Current = null;
        }

        Record(report);
        await sync.WriteStateAsync();
        await Pair.RecordAsync(System, "sync-run", report.Outcome.ToString().ToLowerInvariant(), new Dictionary<string, string>
        {
            ["runId"] = report.RunId,
            ["warnings"] = report.Warnings.Count.ToString(CultureInfo.InvariantCulture),
        });
    }

    public Task<SyncSummary> GetSummaryAsync() => Task.FromResult(new SyncSummary(ToSettings(), State.History.FirstOrDefault()));

    public Task<IReadOnlyList<SyncRunReport>> GetRunsAsync(int limit) =>
        Task.FromResult<IReadOnlyList<SyncRunReport>>([.. State.History.Take(limit)]);

    private ITenantPairGrain Pair => grains.GetGrain<ITenantPairGrain>(context.Key);

    private static SyncRunReport Report(CurrentRun run) =>
        new(run.RunId, run.Trigger, run.StartedAt, null, SyncOutcome.Running, new Dictionary<string, TypeCounts>(), [], null);

    /// <summary>Adds or replaces a run in the history, newest first.</summary>
    private void Record(SyncRunReport report)
    {
        var index = State.History.FindIndex(existing => existing.RunId == report.RunId);
        if (index >= 0)
        {
            State.History[index] = report;
            return;
        }

        State.History.Insert(0, report);
        if (State.History.Count > HistoryLimit)
        {
            State.History.RemoveRange(HistoryLimit, State.History.Count - HistoryLimit);
        }
    }

    private SyncSettings ToSettings() => new(
        State.Enabled,
        State.Mode,
        State.EntityTypes,
        State.RewriteScriptIds,
        State.EnabledAt?.UtcDateTime.TimeOfDay,
        State.Enabled ? SyncSchedule.NextTickAfter(State.EnabledAt!.Value, timeProvider.GetUtcNow()) : null);
}
