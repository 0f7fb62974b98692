using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Drills;

namespace Orleans.Bcp.Api.Drills;

/// <summary>A pair's weekly drill schedule as the API shows it.</summary>
/// <param name="Enabled">Whether a drill runs every week.</param>
/// <param name="Weekday">The day of the week (<c>monday</c> … <c>sunday</c>).</param>
/// <param name="At">The time of day, UTC, <c>HH:mm</c>.</param>
/// <param name="NextRunAt">When the next scheduled drill is due; null while disabled.</param>
public sealed record DrillScheduleDocument(bool Enabled, string Weekday, string At, DateTimeOffset? NextRunAt)
{
    public static DrillScheduleDocument From(DrillSchedule schedule) =>
        new(schedule.Enabled, schedule.Weekday.ToString().ToLowerInvariant(), DailyTime.Write(schedule.At)!, schedule.NextRunAt);
}
