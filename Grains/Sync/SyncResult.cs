using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>What a run did: per-type counts, the entities it left out and the deletes it held.</summary>
public sealed record SyncResult(IReadOnlyDictionary<string, TypeCounts> Counts, IReadOnlyList<SyncWarning> Warnings)
{
    /// <summary>Per type, the deletes the run did not make (docs/sync.md, "Deletes need proof").</summary>
    public IReadOnlyList<HeldDeletes> HeldDeletes { get; init; } = [];
}
