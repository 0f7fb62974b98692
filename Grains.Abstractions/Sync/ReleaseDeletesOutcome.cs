namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>How a request to release a run's held deletes ended.</summary>
[GenerateSerializer, Alias("bcp.ReleaseDeletesOutcome")]
public enum ReleaseDeletesOutcome
{
    /// <summary>Released: a run that applies them has started.</summary>
    Released,

    /// <summary>No such run among the kept history.</summary>
    UnknownRun,

    /// <summary>The run held no deletes.</summary>
    NothingHeld,

    /// <summary>The run's held deletes were released before.</summary>
    AlreadyReleased,

    /// <summary>Another run is running; nothing was released.</summary>
    SyncRunning,
}
