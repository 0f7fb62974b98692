namespace Orleans.Bcp.Grains.Drills;

/// <summary>The weekly schedule's due times: every <c>weekday</c> at <c>at</c>, UTC, computed from the clock, never accumulated.</summary>
public static class DrillWeek
{
    public const string ReminderName = "weekly-drill";

    private static readonly TimeSpan Week = TimeSpan.FromDays(7);

    /// <summary>The latest due time at or before <paramref name="now"/>.</summary>
    public static DateTimeOffset LatestDueAtOrBefore(DayOfWeek weekday, TimeSpan at, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        var daysBack = ((int)today.DayOfWeek - (int)weekday + 7) % 7;
        var due = today.AddDays(-daysBack) + at;
        return due <= now ? due : due - Week;
    }

    /// <summary>The first due time after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextDueAfter(DayOfWeek weekday, TimeSpan at, DateTimeOffset now) =>
        LatestDueAtOrBefore(weekday, at, now) + Week;
}
