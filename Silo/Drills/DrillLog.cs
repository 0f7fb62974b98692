using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>Structured log lines of drills, keyed by pair id. Never the passkey.</summary>
internal static partial class DrillLog
{
    public static void Completed(ILogger logger, DrillReport report) =>
        Drill(logger, report.PairId, report.DrillId, report.Side, report.Actor.UserId, report.Actor.TenantId, report.Outcome, report.TookMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Drill {DrillId} of pair {PairId} to {Side} by {UserId} of {TenantId}: {Outcome} in {TookMs} ms")]
    private static partial void Drill(ILogger logger, string pairId, string drillId, PairRole side, string userId, string tenantId, DrillStatus outcome, long tookMs);
}
