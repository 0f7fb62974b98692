using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Runtime;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>
/// A pair's sync: settings, the daily reminder, the one running run and the run history.
/// Key: pair id. The run itself executes on a silo worker, which reports back here, so status
/// reads are never blocked by a long run.
/// </summary>
public interface ISyncReminderGrain : IGrainWithStringKey
{
    /// <summary>The current settings and next run time.</summary>
    Task<SyncSettings> GetSettingsAsync();

    /// <summary>Changes the settings; enabling fixes the daily time to now's time of day and registers the reminder.</summary>
    Task<SyncSettings> UpdateSettingsAsync(SyncSettingsUpdate update, Actor actor);

    /// <summary>Starts a run unless one is running (a run whose heartbeat stopped is taken over).</summary>
    /// <param name="trigger">What starts it.</param>
    /// <param name="scheduledFor">For a scheduled run, the tick it serves.</param>
    Task<StartRunResult> TryStartRunAsync(SyncTrigger trigger, DateTimeOffset? scheduledFor);

    /// <summary>Keeps the running run alive; false when it is no longer the current run.</summary>
    Task<bool> HeartbeatAsync(string runId);

    /// <summary>Records the end of a run.</summary>
    Task CompleteRunAsync(SyncRunReport report);

    /// <summary>Settings and the newest run, for the pair status.</summary>
    Task<SyncSummary> GetSummaryAsync();

    /// <summary>Run history, newest first.</summary>
    Task<IReadOnlyList<SyncRunReport>> GetRunsAsync(int limit);
}
