namespace Orleans.Bcp.Grains.Sync;

/// <summary>The daily schedule: ticks at <c>enabledAt + n·1 day</c> for n ≥ 1, computed, never accumulated (no drift).</summary>
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
}
