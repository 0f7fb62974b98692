using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Grains.Webhooks;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// A pair's sync settings, reminder, current run and history. Orleans keeps one activation, and
/// starting a run is a conditional state write, so one run at a time runs per pair. The run itself
/// executes on an <see cref="ISyncWorker"/> outside this grain's turn.
/// </summary>
/// <remarks>
/// The reminder ticks every <see cref="SyncOptions.CheckPeriod"/> on the daily cadence. A tick starts
/// the day's run when the latest due time is past the watermark (<see cref="SyncState.LastScheduledTickServed"/>),
/// so one or more due times missed while the cluster was down give exactly one catch-up run; and it
/// takes over a run whose worker stopped reporting (its silo died).
/// </remarks>
// Placed on the silo that first calls it: a run executes beside its activation, so "run now" runs on
// the node that was asked, and a scheduled run on the node whose reminder fired.
[Placement.PreferLocalPlacement]
public sealed class SyncReminderGrain(
    [PersistentState("sync", StorageNames.Control)] IPersistentState<SyncState> sync,
    ISyncWorker worker,
    IOptions<SyncOptions> options,
    TimeProvider timeProvider) : Grain, ISyncReminderGrain, IRemindable
{
    private const int HistoryLimit = 50;
    private static readonly Actor System = new("system", "system");

    /// <summary>The running run's latest progress: in memory only, a report a few times a second would otherwise be a storage write each.</summary>
    private (string RunId, ImmutableDictionary<string, TypeProgress> Progress)? _live;

    private SyncState State => sync.State;

    private string PairId => this.GetPrimaryKeyString();

    private ITenantPairGrain Pair => GrainFactory.GetGrain<ITenantPairGrain>(PairId);

    private IPairAuditGrain Trail => GrainFactory.GetGrain<IPairAuditGrain>(PairId);

    /// <summary>Events a previous activation committed but did not hand off go now.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);

    public Task<SyncSettings> GetSettingsAsync() => Task.FromResult(ToSettings());

    public async Task<SyncSettings> UpdateSettingsAsync(SyncSettingsUpdate update, Actor actor)
    {
        var now = timeProvider.GetUtcNow();
        var enabling = update.Enabled && !State.Enabled;
        // The same time of day asked again is no move: the anchor, and so a run due later today, stays.
        var moving = update.DailyAt is { } chosen && (State.EnabledAt is not { } anchor || !SameMinute(anchor.UtcDateTime.TimeOfDay, chosen));
        State.Mode = update.Mode;
        State.EntityTypes = update.Mode == SyncMode.Custom ? [.. update.EntityTypes.Distinct()] : [];
        State.RewriteScriptIds = update.RewriteScriptIds;
        State.Enabled = update.Enabled;
        if (enabling || moving)
        {
            State.EnabledAt = update.DailyAt is { } at ? SyncSchedule.AnchorFor(at, now) : now;
            // Due times before this enable (or before the time moved) are not owed.
            State.LastScheduledTickServed = null;
        }

        await SaveAsync();
        if (State.Enabled && (enabling || moving))
        {
            await ScheduleChecksAsync(now);
        }
        else if (!update.Enabled && State.Current is null)
        {
            await StopChecksAsync();
        }

        var settings = ToSettings();
        await Trail.RecordAsync(actor, "sync-settings", update.Enabled ? "enabled" : "disabled", ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["mode"] = update.Mode.ToString().ToLowerInvariant(),
            ["entityTypes"] = string.Join(",", State.EntityTypes),
            ["rewriteScriptIds"] = update.RewriteScriptIds ? "true" : "false",
            ["dailyAt"] = settings.DailyAt?.ToString(@"hh\:mm", CultureInfo.InvariantCulture) ?? "",
        }));
        return settings;
    }

    public async Task<StartRunResult> StartRunAsync()
    {
        var now = timeProvider.GetUtcNow();
        DeleteApproval? approval = null;
        if (State.Current is { } current)
        {
            if (!IsStale(current, now))
            {
                return new StartRunResult(false, current.RunId, AlreadyDone: false);
            }

            await RecordTakenOverAsync(current, now);
            approval = current.Approval;
        }

        var runId = await BeginAsync(SyncTrigger.Manual, scheduledFor: null, approval);
        // The reminder is what takes a run over if this silo dies while it runs.
        if (await this.GetReminder(SyncSchedule.ReminderName) is null)
        {
            await ScheduleChecksAsync(timeProvider.GetUtcNow());
        }

        return new StartRunResult(true, runId, AlreadyDone: false);
    }

    public async Task EnsureScheduleAsync()
    {
        if ((State.Enabled || State.Current is not null) && await this.GetReminder(SyncSchedule.ReminderName) is null)
        {
            await ScheduleChecksAsync(timeProvider.GetUtcNow());
        }
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != SyncSchedule.ReminderName)
        {
            return;
        }

        var now = timeProvider.GetUtcNow();
        if (State.Current is { } current)
        {
            if (IsStale(current, now))
            {
                await RecordTakenOverAsync(current, now);
                await BeginAsync(current.Trigger, current.ScheduledFor, current.Approval);
            }

            return;
        }

        if (State.Enabled && SyncSchedule.LatestDueAtOrBefore(State.EnabledAt!.Value, now) is { } due
            && (State.LastScheduledTickServed is not { } served || served < due))
        {
            await BeginAsync(SyncTrigger.Schedule, due);
        }
        else if (!State.Enabled)
        {
            await StopChecksAsync();
        }
    }

    public async Task<bool> HeartbeatAsync(string runId)
    {
        if (State.Current?.RunId != runId)
        {
            return false;
        }

        State.Current = State.Current with { HeartbeatAt = timeProvider.GetUtcNow() };
        await SaveAsync();
        return true;
    }

    public Task<bool> IsCurrentAsync(SyncRunToken run) => Task.FromResult(State.Current?.ToToken() == run);

    public Task ReportProgressAsync(string runId, ImmutableDictionary<string, TypeProgress> progress)
    {
        if (State.Current?.RunId == runId)
        {
            _live = (runId, progress);
        }

        return Task.CompletedTask;
    }

    public async Task CompleteRunAsync(SyncRunReport report)
    {
        if (State.Current?.RunId == report.RunId)
        {
            State.Current = null;
            _live = null;
        }
        else if (State.History.Find(existing => existing.RunId == report.RunId) is not { Outcome: SyncOutcome.Running })
        {
            // A run taken over was recorded (and announced) as it was taken over: its worker's own account of how it
            // stopped replaces that record, with no second event; a run no longer in the history is not brought back.
            if (State.History.Exists(existing => existing.RunId == report.RunId))
            {
                Record(report);
                await SaveAsync();
            }

            return;
        }

        Record(report);
        Announce(report, (await Pair.GetStatusAsync())?.Epoch ?? 0);
        await SaveAsync();
        await EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);
        var details = new Dictionary<string, string>
        {
            ["runId"] = report.RunId,
            ["warnings"] = report.Warnings.Count.ToString(CultureInfo.InvariantCulture),
        };
        HeldDeletesText.AddTo(details, report.HeldDeletes);
        await Trail.RecordAsync(System, "sync-run", report.Outcome.ToString().ToLowerInvariant(), details.ToImmutableDictionary());
    }

    public async Task<ReleaseDeletesResult> ReleaseDeletesAsync(string runId, Actor actor)
    {
        var index = State.History.FindIndex(run => run.RunId == runId);
        var now = timeProvider.GetUtcNow();
        if (index < 0)
        {
            return new ReleaseDeletesResult(ReleaseDeletesOutcome.UnknownRun, null, []);
        }

        var held = State.History[index];
        if (held.HeldDeletes is not { Count: > 0 } deletes)
        {
            return new ReleaseDeletesResult(ReleaseDeletesOutcome.NothingHeld, null, []);
        }

        if (held.Release is { } earlier)
        {
            return new ReleaseDeletesResult(ReleaseDeletesOutcome.AlreadyReleased, earlier.ApplyRunId, []);
        }

        if (State.Current is { } current)
        {
            if (!IsStale(current, now))
            {
                return new ReleaseDeletesResult(ReleaseDeletesOutcome.SyncRunning, current.RunId, []);
            }

            await RecordTakenOverAsync(current, now);
        }

        // The release is committed in the same write as the run that applies it: neither exists without the other.
        var applyRunId = await BeginAsync(SyncTrigger.Manual, scheduledFor: null, new DeleteApproval(runId, deletes), applyRunId =>
            State.History[State.History.FindIndex(run => run.RunId == runId)] = held with { Release = new DeletesRelease(now, actor.UserId, actor.TenantId, applyRunId) });
        if (await this.GetReminder(SyncSchedule.ReminderName) is null)
        {
            await ScheduleChecksAsync(timeProvider.GetUtcNow());
        }

        await Trail.RecordAsync(actor, "sync-deletes-release", "released", ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["runId"] = runId,
            ["applyRunId"] = applyRunId,
            ["deletes"] = deletes.Sum(type => type.PrimaryIds.Count).ToString(CultureInfo.InvariantCulture),
            ["heldDeletes"] = HeldDeletesText.Counts(deletes),
            ["heldReasons"] = HeldDeletesText.Reasons(deletes),
        }));
        return new ReleaseDeletesResult(ReleaseDeletesOutcome.Released, applyRunId, deletes);
    }

    public Task<DeleteApproval?> GetDeleteApprovalAsync(string runId) =>
        Task.FromResult(State.Current is { } current && current.RunId == runId ? current.Approval : null);

    public Task<SyncSummary> GetSummaryAsync() =>
        Task.FromResult(new SyncSummary(ToSettings(), State.History.FirstOrDefault() is { } last ? WithLiveProgress(last) : null));

    public Task<ImmutableList<SyncRunReport>> GetRunsAsync(int limit) =>
        Task.FromResult<ImmutableList<SyncRunReport>>([.. State.History.Take(limit).Select(WithLiveProgress)]);

    /// <summary>The running run as stored, with the progress its worker reported since.</summary>
    private SyncRunReport WithLiveProgress(SyncRunReport report) =>
        _live is { } live && live.RunId == report.RunId && report.Outcome == SyncOutcome.Running ? report with { Progress = live.Progress } : report;

    /// <summary>
    /// Commits a new current run (the watermark moves with it, and whatever <paramref name="alongside"/> changes, given the
    /// run's id), audits it, and hands it to this silo's worker.
    /// </summary>
    private async Task<string> BeginAsync(
        SyncTrigger trigger, DateTimeOffset? scheduledFor, DeleteApproval? approval = null, Action<string>? alongside = null)
    {
        var now = timeProvider.GetUtcNow();
        State.RunGeneration++;
        var run = new CurrentRun(Guid.NewGuid().ToString("N"), trigger, now, now, scheduledFor, approval, State.RunGeneration);
        State.Current = run;
        alongside?.Invoke(run.RunId);
        if (scheduledFor is { } due)
        {
            State.LastScheduledTickServed = due;
        }

        Record(Report(run));
        await SaveAsync();
        await EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);
        await Trail.RecordAsync(System, "sync-run", "started", ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["runId"] = run.RunId,
            ["trigger"] = trigger.ToString().ToLowerInvariant(),
        }));
        worker.Start(PairId, run.ToToken(), trigger);
        return run.RunId;
    }

    /// <summary>The dead run keeps the last progress its worker reported, if this activation heard it.</summary>
    private async Task RecordTakenOverAsync(CurrentRun run, DateTimeOffset now)
    {
        var report = WithLiveProgress(Report(run)) with { FinishedAt = now, Outcome = SyncOutcome.Failed, Error = "The run's worker stopped reporting; a new run took over.", ErrorCode = "worker-stopped" };
        _live = null;
        Record(report);
        Announce(report, (await Pair.GetStatusAsync())?.Epoch ?? 0);
    }

    /// <summary>Puts an ended run's event into the outbox, to be committed with the run's record (docs/webhooks.md).</summary>
    private void Announce(SyncRunReport report, long epoch)
    {
        var type = report.Outcome switch
        {
            SyncOutcome.Succeeded => WebhookEventTypes.SyncSucceeded,
            SyncOutcome.Skipped => WebhookEventTypes.SyncSkipped,
            SyncOutcome.Cancelled => WebhookEventTypes.SyncCancelled,
            _ => WebhookEventTypes.SyncFailed,
        };
        var details = new Dictionary<string, string>
        {
            ["runId"] = report.RunId,
            ["trigger"] = report.Trigger.ToString().ToLowerInvariant(),
            ["warnings"] = report.Warnings.Count.ToString(CultureInfo.InvariantCulture),
        };
        if (report.SkipReason is { } skipReason)
        {
            details["skipReason"] = skipReason == SyncSkipReason.BcpActive ? "bcp-active" : "disabled";
        }

        if (report.CancelReason is { } cancelReason)
        {
            details["cancelReason"] = JsonNamingPolicy.KebabCaseLower.ConvertName(cancelReason.ToString());
        }

        if (report.Error is { } error)
        {
            details["error"] = error;
        }

        if (report.ErrorCode is { } errorCode)
        {
            details["errorCode"] = errorCode;
        }

        HeldDeletesText.AddTo(details, report.HeldDeletes);
        AddEvent(type, report, epoch, report.Outcome.ToString().ToLowerInvariant(), details);
        if (report.HeldDeletes is { Count: > 0 })
        {
            // Its own event, so a receiver can page someone for held deletes alone.
            AddEvent(WebhookEventTypes.SyncDeletesHeld, report, epoch, "held", details);
        }
    }

    private void AddEvent(string type, SyncRunReport report, long epoch, string outcome, Dictionary<string, string> details)
    {
        State.EventSequence++;
        State.PendingEvents.Add(PairEvent.Create(
            "sync", State.EventSequence, type, report.FinishedAt ?? timeProvider.GetUtcNow(), PairId, epoch, System.UserId, System.TenantId,
            outcome, details.ToImmutableDictionary()));
    }

    private bool IsStale(CurrentRun run, DateTimeOffset now) => now - run.HeartbeatAt >= options.Value.HeartbeatTimeout;

    /// <summary>Check ticks fall on the daily cadence of the enable time, so one lands on every due time.</summary>
    private async Task ScheduleChecksAsync(DateTimeOffset now)
    {
        var period = options.Value.CheckPeriod;
        var dueIn = State.EnabledAt is { } enabledAt ? SyncSchedule.UntilNextCheck(enabledAt, now, period) : period;
        await this.RegisterOrUpdateReminder(SyncSchedule.ReminderName, dueIn, period);
    }

    private async Task StopChecksAsync()
    {
        if (await this.GetReminder(SyncSchedule.ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private static SyncRunReport Report(CurrentRun run) =>
        new(run.RunId, run.Trigger, run.StartedAt, null, SyncOutcome.Running, ImmutableDictionary<string, TypeCounts>.Empty, [], null,
            ImmutableDictionary<string, TypeProgress>.Empty);

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

    private static bool SameMinute(TimeSpan timeOfDay, TimeSpan chosen) =>
        (timeOfDay.Hours, timeOfDay.Minutes) == (chosen.Hours, chosen.Minutes);

    private SyncSettings ToSettings() => new(
        State.Enabled,
        State.Mode,
        [.. EntityTypes.InSyncOrder.Select(type => type.Name).Where(type => State.Mode == SyncMode.Default || State.EntityTypes.Contains(type))],
        State.RewriteScriptIds,
        State.EnabledAt?.UtcDateTime.TimeOfDay,
        State.Enabled ? SyncSchedule.NextTickAfter(State.EnabledAt!.Value, timeProvider.GetUtcNow()) : null);

    /// <summary>
    /// Writes the state; when the write fails the in-memory state may be ahead of the store, so this
    /// activation goes and the next call starts from what is durable.
    /// </summary>
    private async Task SaveAsync()
    {
        try
        {
            await sync.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }
}
