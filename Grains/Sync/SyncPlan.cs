using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>What one run copies: from which tenant to which, the types (in sync order) and options.</summary>
public sealed record SyncPlan(string PairId, TenantLocation Primary, TenantLocation Bcp, IReadOnlyList<string> Types, bool RewriteScriptIds);
