namespace Orleans.Bcp.Grains.Runtime;

/// <summary>
/// Durable reminders: a tick every <c>period</c> from <c>startAt</c>, fired on exactly one silo,
/// kept across restarts. Ticks missed while no silo ran collapse into one.
/// </summary>
public interface IReminderRegistry
{
    Task RegisterOrUpdateAsync(string reminderName, string key, DateTimeOffset startAt, TimeSpan period);

    Task UnregisterAsync(string reminderName, string key);
}
