using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>What one run copies: from which tenant to which, the types (in sync order) and options.</summary>
public sealed record SyncPlan(string PairId, TenantLocation Primary, TenantLocation Bcp, IReadOnlyList<string> Types, bool RewriteScriptIds)
{
    /// <summary>Held deletes an admin released for this run to apply, if any.</summary>
    public DeleteApproval? ApprovedDeletes { get; init; }
}
