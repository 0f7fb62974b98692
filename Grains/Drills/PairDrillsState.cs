using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Drills;

/// <summary>The durable part of a pair's drills: the last drills, the weekly schedule, and the events not yet handed off.</summary>
public sealed class PairDrillsState
{
    /// <summary>Newest first, at most <see cref="IPairDrillsGrain.HistoryLimit"/>.</summary>
    public List<DrillReport> History { get; set; } = [];

    public bool ScheduleEnabled { get; set; }

    public DayOfWeek ScheduleWeekday { get; set; }

    public TimeSpan ScheduleAt { get; set; }

    /// <summary>When the schedule was last set: due times at or before it are not owed.</summary>
    public DateTimeOffset? ScheduleSetAt { get; set; }

    /// <summary>The latest due time a scheduled drill ran for (the watermark: a missed week is caught up once).</summary>
    public DateTimeOffset? LastScheduledDueServed { get; set; }

    /// <summary>The last number given to a <c>drill.completed</c> event (the webhooks grain drops what it took).</summary>
    public long EventSequence { get; set; }

    /// <summary><c>drill.completed</c> events written with their drill, not yet taken by the webhooks grain (an outbox).</summary>
    public List<PairEvent> PendingEvents { get; set; } = [];
}
