namespace Orleans.Bcp.Grains.Sync;

/// <summary>Section <c>Sync</c>.</summary>
public sealed class SyncOptions
{
    /// <summary>
    /// How often the pair's reminder checks for a due daily run or a run whose worker died. It must
    /// divide a day; it bounds how late a missed run is caught up and a dead run is taken over.
    /// </summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>A run whose worker has not reported for this long is considered dead.</summary>
    public TimeSpan HeartbeatTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest one step of a run (a listing, a read, a write) waits while a switch is under way on its node
    /// (Grains/Pairs/SwitchPriority.cs): long enough for a switch, short enough that a storm of them slows a run but never stops it.
    /// </summary>
    public TimeSpan SwitchPause { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When a run's deletes wait for an admin.</summary>
    public DeleteGuardOptions DeleteGuard { get; set; } = new();
}
