using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>The run in progress: its worker heartbeats; a run whose heartbeat stops is taken over.</summary>
/// <param name="RunId">The run's id.</param>
/// <param name="Trigger">Schedule or manual.</param>
/// <param name="StartedAt">When it began.</param>
/// <param name="HeartbeatAt">When its worker last reported.</param>
/// <param name="ScheduledFor">The due time a scheduled run serves.</param>
/// <param name="Approval">Held deletes an admin released for this run to apply; a run that takes it over carries them on.</param>
/// <param name="Generation">The run's place in <see cref="SyncState.RunGeneration"/> (0 on runs begun by a previous release).</param>
public sealed record CurrentRun(
    string RunId, SyncTrigger Trigger, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, DateTimeOffset? ScheduledFor,
    DeleteApproval? Approval = null, long Generation = 0)
{
    /// <summary>What the run's worker holds (a method, not a property: the state is stored as JSON).</summary>
    public SyncRunToken ToToken() => new(RunId, Generation);
}
