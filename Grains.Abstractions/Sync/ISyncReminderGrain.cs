using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>
/// A pair's sync: settings, the daily reminder, the one running run and the run history.
/// Key: pair id. The run itself executes on a silo worker, which reports back here, so status
/// reads are never blocked by a long run.
/// </summary>
[Alias("bcp.ISyncReminderGrain")]
public interface ISyncReminderGrain : IGrainWithStringKey
{
    /// <summary>The current settings and next run time.</summary>
    [Alias("GetSettingsAsync")]
    Task<SyncSettings> GetSettingsAsync();

    /// <summary>
    /// Changes the settings. The daily time is the chosen one, else enabling fixes it to now's time of day;
    /// enabling or moving the time of an enabled sync (re-)registers the reminder on the new cadence.
    /// </summary>
    [Alias("UpdateSettingsAsync")]
    Task<SyncSettings> UpdateSettingsAsync(SyncSettingsUpdate update, Actor actor);

    /// <summary>Starts a manual run unless one is running (a run whose worker stopped reporting is taken over).</summary>
    [Alias("StartRunAsync")]
    Task<StartRunResult> StartRunAsync();

    /// <summary>Registers the pair's reminder if sync is enabled and it is missing (after an upgrade).</summary>
    [Alias("EnsureScheduleAsync")]
    Task EnsureScheduleAsync();

    /// <summary>Keeps the running run alive; false when it is no longer the current run.</summary>
    [Alias("HeartbeatAsync")]
    Task<bool> HeartbeatAsync(string runId);

    /// <summary>
    /// Whether <paramref name="run"/> is still the current run: a read, no write. Its worker asks before each batch of
    /// writes, so a worker whose run was taken over stops at its next batch.
    /// </summary>
    [Alias("IsCurrentAsync")]
    Task<bool> IsCurrentAsync(SyncRunToken run);

    /// <summary>
    /// The running run's progress so far, kept in the activation's memory only (no storage write): a
    /// read of the run shows it; the run's end records the final figures.
    /// </summary>
    [Alias("ReportProgressAsync")]
    Task ReportProgressAsync(string runId, ImmutableDictionary<string, TypeProgress> progress);

    /// <summary>Records the end of a run.</summary>
    [Alias("CompleteRunAsync")]
    Task CompleteRunAsync(SyncRunReport report);

    /// <summary>Settings and the newest run, for the pair status.</summary>
    [Alias("GetSummaryAsync")]
    Task<SyncSummary> GetSummaryAsync();

    /// <summary>
    /// Approves exactly the deletes run <paramref name="runId"/> held, audited, and starts the run that applies them
    /// (each re-checked against the primary then). Nothing is released while another run is running.
    /// </summary>
    [Alias("ReleaseDeletesAsync")]
    Task<ReleaseDeletesResult> ReleaseDeletesAsync(string runId, Actor actor);

    /// <summary>The released deletes run <paramref name="runId"/> may apply, if it is the running run and carries a release.</summary>
    [Alias("GetDeleteApprovalAsync")]
    Task<DeleteApproval?> GetDeleteApprovalAsync(string runId);

    /// <summary>Run history, newest first.</summary>
    [Alias("GetRunsAsync")]
    Task<ImmutableList<SyncRunReport>> GetRunsAsync(int limit);
}
