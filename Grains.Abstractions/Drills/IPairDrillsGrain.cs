using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>A pair's drills (the last <see cref="HistoryLimit"/>) and their weekly schedule. Key: pair id.</summary>
[Alias("bcp.IPairDrillsGrain")]
public interface IPairDrillsGrain : IGrainWithStringKey
{
    /// <summary>Drills kept per pair, newest first.</summary>
    const int HistoryLimit = 50;

    /// <summary>Keeps a drill (written before this returns), audits it as <c>drill</c> and announces <c>drill.completed</c>.</summary>
    [Alias("RecordAsync")]
    Task RecordAsync(DrillReport report);

    /// <summary>The kept drills, newest first.</summary>
    [Alias("ListAsync")]
    Task<ImmutableList<DrillReport>> ListAsync(int limit);

    /// <summary>One kept drill, or null.</summary>
    [Alias("GetAsync")]
    Task<DrillReport?> GetAsync(string drillId);

    /// <summary>The weekly schedule (disabled until set).</summary>
    [Alias("GetScheduleAsync")]
    Task<DrillSchedule> GetScheduleAsync();

    /// <summary>Sets the weekly schedule (its reminder with it) and audits the change.</summary>
    [Alias("SetScheduleAsync")]
    Task<DrillSchedule> SetScheduleAsync(bool enabled, DayOfWeek weekday, TimeSpan at, Actor actor);
}
