namespace Orleans.Bcp.Grains.Abstractions.Drills;

/// <summary>A pair's weekly drill: on <paramref name="Weekday"/> at <paramref name="At"/> (UTC).</summary>
/// <param name="Enabled">Whether drills run on schedule.</param>
/// <param name="Weekday">The day of the week.</param>
/// <param name="At">The time of day, to the minute.</param>
/// <param name="NextRunAt">When the next scheduled drill is due; null while disabled.</param>
[GenerateSerializer, Immutable, Alias("bcp.DrillSchedule")]
public sealed record DrillSchedule(bool Enabled, DayOfWeek Weekday, TimeSpan At, DateTimeOffset? NextRunAt);
