using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Access;

/// <summary>
/// BCP type changes are audited on the pair of the user's tenant (docs/api.md). The audit trail is
/// the pair's, so a tenant in no pair has none: its users' types matter only once it is paired.
/// </summary>
internal static class AccessAudit
{
    /// <summary>One user's type set (details: userId, from, to).</summary>
    public const string SingleAction = "bcp-type";

    /// <summary>A bulk upload applied (details: rows, rows per type asked for, changed, unchanged, skipped).</summary>
    public const string BulkAction = "bcp-type-bulk";

    public static async Task RecordAsync(
        IGrainFactory grains, string tenantId, Actor actor, string action, string outcome, IReadOnlyDictionary<string, string> details)
    {
        if (await grains.GetGrain<ITenantGrain>(tenantId).GetAsync() is { PairId: { } pairId })
        {
            await grains.GetGrain<IPairAuditGrain>(pairId).RecordAsync(actor, action, outcome, details.ToImmutableDictionary());
        }
    }
}
