using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>A status answer and its serialized body, with the sync summary, lock state and last switch's username it was made from.</summary>
internal sealed record KeptStatusBody(SyncSummary Sync, bool LockEnded, string? ByUsername, PairStatusDocument Document, byte[] Body);
