using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Abstractions.Webhooks;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>The durable state of a pair's sync.</summary>
public sealed class SyncState
{
    public bool Enabled { get; set; }

    public SyncMode Mode { get; set; }

    public List<string> EntityTypes { get; set; } = [];

    public bool RewriteScriptIds { get; set; }

    /// <summary>
    /// The schedule's anchor, whose time of day is the daily run time: when sync was enabled, or the latest
    /// occurrence of a chosen daily time at or before it was chosen (the name is the previous releases').
    /// </summary>
    public DateTimeOffset? EnabledAt { get; set; }

    public CurrentRun? Current { get; set; }

    /// <summary>Runs begun so far, takeovers included: the generation of the newest run, which a worker's fence is checked against.</summary>
    public long RunGeneration { get; set; }

    /// <summary>The latest scheduled tick a run has served (so a re-fired tick is not run twice).</summary>
    public DateTimeOffset? LastScheduledTickServed { get; set; }

    /// <summary>Newest first, bounded.</summary>
    public List<SyncRunReport> History { get; set; } = [];

    /// <summary>The last number given to a run's webhook event.</summary>
    public long EventSequence { get; set; }

    /// <summary>Webhook events of ended runs, committed with the run's record, not yet taken by the pair's webhooks grain (an outbox).</summary>
    public List<PairEvent> PendingEvents { get; set; } = [];
}
