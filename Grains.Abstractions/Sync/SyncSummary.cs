namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>The sync part of the pair status (docs/api.md): the settings and how the last run went.</summary>
/// <param name="Settings">Enabled, mode, types, next run.</param>
/// <param name="LastRun">The newest run, if any (possibly still running).</param>
[GenerateSerializer, Immutable, Alias("bcp.SyncSummary")]
public sealed record SyncSummary(SyncSettings Settings, SyncRunReport? LastRun);
