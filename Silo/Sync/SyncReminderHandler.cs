using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Silo.Reminders;

namespace Orleans.Bcp.Silo.Sync;

/// <summary>Serves the daily sync reminder of a pair (key: pair id).</summary>
public sealed class SyncReminderHandler(SyncRunner runner) : IReminderHandler
{
    public string ReminderName => SyncSchedule.ReminderName;

    public Task<bool> OnTickAsync(string key, DateTimeOffset tick) => runner.RunScheduledAsync(key, tick);
}
