using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>The run in progress: its worker heartbeats; a run whose heartbeat stops is taken over.</summary>
public sealed record CurrentRun(string RunId, SyncTrigger Trigger, DateTimeOffset StartedAt, DateTimeOffset HeartbeatAt, DateTimeOffset? ScheduledFor);
