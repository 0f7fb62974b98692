namespace Orleans.Bcp.Silo.Reminders;

/// <summary>Does the work of one kind of reminder. Long work runs here rather than inside a grain turn.</summary>
public interface IReminderHandler
{
    string ReminderName { get; }

    /// <summary>Serves a tick; false means "not done, fire again at the next scan".</summary>
    Task<bool> OnTickAsync(string key, DateTimeOffset tick);
}
