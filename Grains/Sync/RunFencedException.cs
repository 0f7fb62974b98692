using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>The run may no longer write (<see cref="IRunFence"/>); it ends cancelled with <see cref="Reason"/>.</summary>
public sealed class RunFencedException(SyncCancelReason reason)
    : Exception($"The sync run may no longer write ({reason}).")
{
    public SyncCancelReason Reason { get; } = reason;
}
