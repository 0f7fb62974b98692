using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Webhooks;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Grains.Webhooks;

namespace Orleans.Bcp.Grains.Drills;

/// <summary>
/// A pair's drills and weekly schedule. A drill is kept (written) before <see cref="RecordAsync"/> returns, with its
/// <c>drill.completed</c> event in the same write (an outbox handed to the pair's webhooks grain).
/// </summary>
/// <remarks>
/// The reminder ticks every <see cref="DrillOptions.CheckPeriod"/>; a tick runs the week's drill when the latest due time
/// is past the watermark (<see cref="PairDrillsState.LastScheduledDueServed"/>), so weeks missed while the cluster was
/// down give one catch-up drill. The drill runs in the tick's turn, so the tick is done only once the drill is kept.
/// </remarks>
[Placement.PreferLocalPlacement]
public sealed class PairDrillsGrain(
    [PersistentState("drills", StorageNames.Control)] IPersistentState<PairDrillsState> drills,
    IDrillRunner runner,
    IOptions<DrillOptions> options,
    TimeProvider timeProvider) : Grain, IPairDrillsGrain, IRemindable
{
    private PairDrillsState State => drills.State;

    private string PairId => this.GetPrimaryKeyString();

    private ITenantPairGrain Pair => GrainFactory.GetGrain<ITenantPairGrain>(PairId);

    private IPairAuditGrain Trail => GrainFactory.GetGrain<IPairAuditGrain>(PairId);

    /// <summary>Events a previous activation committed but did not hand off go now.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);

    public async Task RecordAsync(DrillReport report)
    {
        // A retried call keeps the drill once.
        if (State.History.Exists(kept => kept.DrillId == report.DrillId))
        {
            return;
        }

        await KeepAsync(report, alongside: null);
    }

    public Task<ImmutableList<DrillReport>> ListAsync(int limit) =>
        Task.FromResult<ImmutableList<DrillReport>>([.. State.History.Take(limit)]);

    public Task<DrillReport?> GetAsync(string drillId) =>
        Task.FromResult(State.History.Find(kept => kept.DrillId == drillId));

    public Task<DrillSchedule> GetScheduleAsync() => Task.FromResult(ToSchedule());

    public async Task<DrillSchedule> SetScheduleAsync(bool enabled, DayOfWeek weekday, TimeSpan at, Actor actor)
    {
        State.ScheduleEnabled = enabled;
        State.ScheduleWeekday = weekday;
        State.ScheduleAt = at;
        State.ScheduleSetAt = timeProvider.GetUtcNow();
        await SaveAsync();
        if (enabled)
        {
            var period = options.Value.CheckPeriod;
            await this.RegisterOrUpdateReminder(DrillWeek.ReminderName, period, period);
        }
        else if (await this.GetReminder(DrillWeek.ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        await Trail.RecordAsync(actor, "drill-schedule", enabled ? "enabled" : "disabled", ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["weekday"] = weekday.ToString().ToLowerInvariant(),
            ["at"] = at.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
        }));
        return ToSchedule();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DrillWeek.ReminderName)
        {
            return;
        }

        if (!State.ScheduleEnabled)
        {
            if (await this.GetReminder(DrillWeek.ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        var due = DrillWeek.LatestDueAtOrBefore(State.ScheduleWeekday, State.ScheduleAt, timeProvider.GetUtcNow());
        if (due <= State.ScheduleSetAt || State.LastScheduledDueServed >= due)
        {
            return;
        }

        if (await runner.RunScheduledAsync(PairId) is { } report)
        {
            await KeepAsync(report, alongside: () => State.LastScheduledDueServed = due);
        }
    }

    /// <summary>Commits the drill (and whatever <paramref name="alongside"/> changes) with its event, hands the event off, and audits it.</summary>
    private async Task KeepAsync(DrillReport report, Action? alongside)
    {
        // Read before anything changes in memory: a failure here leaves the state as it is durable.
        var epoch = (await Pair.GetStatusAsync())?.Epoch ?? 0;
        State.History.Insert(0, report);
        if (State.History.Count > IPairDrillsGrain.HistoryLimit)
        {
            State.History.RemoveRange(IPairDrillsGrain.HistoryLimit, State.History.Count - IPairDrillsGrain.HistoryLimit);
        }

        alongside?.Invoke();
        var outcome = report.Outcome.ToString().ToLowerInvariant();
        var details = ImmutableDictionary.CreateRange(new Dictionary<string, string>
        {
            ["drillId"] = report.DrillId,
            ["side"] = report.Side.ToString().ToLowerInvariant(),
            ["failedSteps"] = string.Join(",", report.Steps.Where(step => step.Status == DrillStatus.Failed).Select(step => step.Id)),
            ["tookMs"] = report.TookMs.ToString(CultureInfo.InvariantCulture),
        });
        State.EventSequence++;
        State.PendingEvents.Add(PairEvent.Create(
            "drill", State.EventSequence, WebhookEventTypes.DrillCompleted, timeProvider.GetUtcNow(), PairId, epoch, report.Actor.UserId, report.Actor.TenantId,
            outcome, details));
        await SaveAsync();
        await EventOutbox.HandOffAsync(GrainFactory, ServiceProvider, PairId, State.PendingEvents);
        await Trail.RecordAsync(report.Actor, "drill", outcome, details);
    }

    /// <summary>A failed write leaves the memory ahead of the store: this activation goes, the next starts from what is durable.</summary>
    private async Task SaveAsync()
    {
        try
        {
            await drills.WriteStateAsync();
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    private DrillSchedule ToSchedule() => new(
        State.ScheduleEnabled, State.ScheduleWeekday, State.ScheduleAt,
        State.ScheduleEnabled ? DrillWeek.NextDueAfter(State.ScheduleWeekday, State.ScheduleAt, timeProvider.GetUtcNow()) : null);
}
