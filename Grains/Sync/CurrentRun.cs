using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// The run in progress: its worker heartbeats; a run whose heartbeat stops is taken over. <c>Approval</c>: held deletes
/// an admin released for this run to apply; a run that takes it over carries them on.
/// </summary>
public sealed record CurrentRun(
    string RunId, SyncTrigger Trigger, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, DateTimeOffset? ScheduledFor, DeleteApproval? Approval = null);
