using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>The sync part of the pair status (docs/api.md): the settings and the newest run (possibly still running).</summary>
public sealed record SyncSummaryDocument(SyncSettingsDocument Settings, SyncRunReport? LastRun)
{
    public static SyncSummaryDocument From(SyncSummary summary) => new(SyncSettingsDocument.From(summary.Settings), summary.LastRun);
}
