using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>What a run did: per-type counts and the entities it left out.</summary>
public sealed record SyncResult(IReadOnlyDictionary<string, TypeCounts> Counts, IReadOnlyList<SyncWarning> Warnings);
