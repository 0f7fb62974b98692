using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Silo.Pairs;

/// <summary>Structured log lines of switch attempts, keyed by pair id. Never the passkey or the reason's text.</summary>
internal static partial class SwitchLog
{
    public static void Attempted(ILogger logger, string pairId, PairRole side, Actor actor, SwitchResult result)
    {
        if (result is { Locked: true, LockedUntil: { } until, Attempts: { } attempts })
        {
            Locked(logger, pairId, attempts.PairLocked ? "pair" : "caller", actor.UserId, actor.TenantId, until);
        }

        Switch(logger, pairId, side, actor.UserId, actor.TenantId, result.Outcome, result.Status?.Epoch);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Switch of pair {PairId} to {Side} by {UserId} of {TenantId}: {Outcome} (epoch {Epoch})")]
    private static partial void Switch(ILogger logger, string pairId, PairRole side, string userId, string tenantId, SwitchOutcome outcome, long? epoch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Switching of pair {PairId} locked until {LockedUntil} for the {LockScope} after wrong passkeys (last by {UserId} of {TenantId})")]
    private static partial void Locked(ILogger logger, string pairId, string lockScope, string userId, string tenantId, DateTimeOffset lockedUntil);
}
