namespace Orleans.Bcp.Silo.Reminders;

/// <summary>A stored reminder: ticks at <see cref="StartAt"/> + n·<see cref="Period"/>; <see cref="LastTickServed"/> is the latest one done.</summary>
public sealed record ReminderEntry(string Name, string Key, DateTimeOffset StartAt, TimeSpan Period, DateTimeOffset? LastTickServed)
{
    /// <summary>The latest tick at or before <paramref name="now"/> not yet served, if any — missed ticks collapse into it.</summary>
    public DateTimeOffset? DueTick(DateTimeOffset now)
    {
        if (now < StartAt)
        {
            return null;
        }

        var latest = StartAt + TimeSpan.FromTicks((now - StartAt).Ticks / Period.Ticks * Period.Ticks);
        return LastTickServed >= latest ? null : latest;
    }
}
