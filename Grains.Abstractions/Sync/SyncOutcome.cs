namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>How a run ended.</summary>
[GenerateSerializer, Alias("bcp.SyncOutcome")]
public enum SyncOutcome
{
    /// <summary>Still running.</summary>
    Running,

    /// <summary>Every selected type was processed (warnings may name entities left out).</summary>
    Succeeded,

    /// <summary>The run stopped on an error; a later run picks up where it left off.</summary>
    Failed,

    /// <summary>Not run (the BCP side is active, or sync is disabled: see the report's skip reason); nothing written.</summary>
    Skipped,

    /// <summary>
    /// Stopped because it could no longer write safely (see the report's cancel reason): the pair switched, or another
    /// run took over. Writes already made stay and are resumed from by the next run.
    /// </summary>
    Cancelled,
}
