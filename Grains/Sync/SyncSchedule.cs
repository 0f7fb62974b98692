namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// The daily schedule: due times at <c>enabledAt + n·1 day</c> for n ≥ 1 (<c>enabledAt</c> is the schedule's
/// anchor: the enabling call, or the latest occurrence of a chosen daily time), computed, never accumulated
/// (no drift). The grain's reminder ticks more often than daily, on the same cadence, so that a due
/// time missed while the cluster was down is caught up at the first tick after it is back.
/// </summary>
public static class SyncSchedule
{
    public const string ReminderName = "daily-sync";

    public static readonly TimeSpan Period = TimeSpan.FromDays(1);

    public static DateTimeOffset FirstTick(DateTimeOffset enabledAt) => enabledAt + Period;

    public static DateTimeOffset NextTickAfter(DateTimeOffset enabledAt, DateTimeOffset now)
    {
        var first = FirstTick(enabledAt);
        if (now < first)
        {
            return first;
        }

        var elapsed = (now - first).Ticks / Period.Ticks + 1;
        return first + TimeSpan.FromTicks(elapsed * Period.Ticks);
    }

    /// <summary>
    /// The anchor for a chosen daily time: its latest occurrence at or before <paramref name="now"/>
    /// (UTC), so the first due time is its next occurrence after now — later today or tomorrow.
    /// </summary>
    public static DateTimeOffset AnchorFor(TimeSpan timeOfDay, DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) + timeOfDay;
        return today <= now ? today : today - Period;
    }

    /// <summary>The latest due time at or before <paramref name="now"/>; null before the first.</summary>
    public static DateTimeOffset? LatestDueAtOrBefore(DateTimeOffset enabledAt, DateTimeOffset now)
    {
        var first = FirstTick(enabledAt);
        return now < first ? null : first + TimeSpan.FromTicks((now - first).Ticks / Period.Ticks * Period.Ticks);
    }

    /// <summary>
    /// How long until the next check tick, with check ticks at <c>enabledAt + n·checkPeriod</c>
    /// (a check period divides a day, so one check tick falls on every due time).
    /// </summary>
    public static TimeSpan UntilNextCheck(DateTimeOffset enabledAt, DateTimeOffset now, TimeSpan checkPeriod)
    {
        var sinceEnabled = (now - enabledAt).Ticks;
        var intoPeriod = ((sinceEnabled % checkPeriod.Ticks) + checkPeriod.Ticks) % checkPeriod.Ticks;
        return TimeSpan.FromTicks(checkPeriod.Ticks - intoPeriod);
    }
}
