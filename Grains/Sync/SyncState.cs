using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>The durable state of a pair's sync.</summary>
public sealed class SyncState
{
    public bool Enabled { get; set; }

    public SyncMode Mode { get; set; }

    public List<string> EntityTypes { get; set; } = [];

    public bool RewriteScriptIds { get; set; }

    /// <summary>When sync was last enabled; its time of day is the daily run time.</summary>
    public DateTimeOffset? EnabledAt { get; set; }

    public CurrentRun? Current { get; set; }

    /// <summary>The latest scheduled tick a run has served (so a re-fired tick is not run twice).</summary>
    public DateTimeOffset? LastScheduledTickServed { get; set; }

    /// <summary>Newest first, bounded.</summary>
    public List<SyncRunReport> History { get; set; } = [];
}
