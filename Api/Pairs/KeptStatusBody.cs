using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>A status answer and its serialized body, with the sync summary and lock state it was made from.</summary>
internal sealed record KeptStatusBody(SyncSummary Sync, bool LockEnded, PairStatusDocument Document, byte[] Body);
