using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Drills;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>
/// Rehearses a switch (docs/drills.md): the passkey as the pair grain checks it (a wrong one counts toward the lockout), the
/// readiness report, the login and routing answers as if the side were switched, and a ping of every active silo.
/// Nothing moves: the would-be status is handed to the reads, never to the pair. The drill is kept by the pair's
/// <see cref="IPairDrillsGrain"/> before the answer goes out.
/// </summary>
public sealed class PairDriller(
    IGrainFactory grains, PairStateCache pairs, DrillReadiness readiness, DrillLogins logins, DrillRouting routing, DrillNodes nodes,
    TimeProvider timeProvider, ILogger<PairDriller> logger) : IDrillRunner
{
    /// <param name="pair">The pair as this node keeps it (the caller has been found to see it).</param>
    /// <param name="side">The side a switch would make active.</param>
    /// <param name="passkey">The pair's passkey; null for an operator's (or the schedule's) drill, which has no passkey step.</param>
    /// <param name="actor">Who drills.</param>
    public async Task<PairDrillResult> DrillAsync(PairStatus pair, PairRole side, string? passkey, Actor actor)
    {
        var startedAt = timeProvider.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var steps = new List<DrillStep>();
        if (passkey is not null)
        {
            var checkStarted = Stopwatch.GetTimestamp();
            var (refusal, step) = await CheckPasskeyAsync(pair.PairId, actor, passkey, side);
            if (step is null)
            {
                return new PairDrillResult(null, refusal);
            }

            steps.Add(step with { TookMs = ElapsedMs(checkStarted) });
        }

        var wouldBe = WouldBeStatus.Of(pair, side);
        steps.Add(await Timed(() => readiness.RunAsync(pair, side)));
        steps.Add(await Timed(() => logins.RunAsync(wouldBe)));
        steps.Add(await Timed(() => routing.RunAsync(wouldBe)));
        steps.Add(await Timed(nodes.RunAsync));

        var report = new DrillReport(
            Guid.NewGuid().ToString("N"), pair.PairId, steps.Exists(step => step.Status == DrillStatus.Failed) ? DrillStatus.Failed : DrillStatus.Passed,
            side, startedAt, ElapsedMs(started), actor, [.. steps]);
        DrillLog.Completed(logger, report);
        return new PairDrillResult(report, null);
    }

    /// <summary>Runs a drill and keeps it: what the HTTP layer calls.</summary>
    public async Task<PairDrillResult> DrillAndKeepAsync(PairStatus pair, PairRole side, string? passkey, Actor actor)
    {
        var result = await DrillAsync(pair, side, passkey, actor);
        if (result.Report is { } report)
        {
            await grains.GetGrain<IPairDrillsGrain>(pair.PairId).RecordAsync(report);
        }

        return result;
    }

    public async Task<DrillReport?> RunScheduledAsync(string pairId)
    {
        if (await pairs.FindAsync(pairId) is not { } pair)
        {
            return null;
        }

        var side = pair.ActiveSide == PairRole.Primary ? PairRole.Bcp : PairRole.Primary;
        return (await DrillAsync(pair, side, passkey: null, DrillActors.Schedule)).Report;
    }

    private async Task<(SwitchResult? Refusal, DrillStep? Step)> CheckPasskeyAsync(string pairId, Actor actor, string passkey, PairRole side)
    {
        var refusal = await grains.GetGrain<ITenantPairGrain>(pairId).CheckPasskeyAsync(actor, passkey, side);
        if (refusal is null)
        {
            return (null, DrillSteps.Of(DrillStepIds.Passkey, passed: true, "The passkey is right."));
        }

        if (refusal.Outcome != SwitchOutcome.PasskeyInvalid)
        {
            return (refusal, null);
        }

        var standing = refusal.LockedUntil is { } until
            ? $"switching is now locked for you until {until:O}."
            : $"{refusal.Attempts?.AttemptsLeft} wrong passkeys left before switching is locked for you.";
        return (refusal, DrillSteps.Of(DrillStepIds.Passkey, passed: false, "The passkey is not valid; it counts as a wrong passkey of a switch: " + standing));
    }

    /// <summary>Runs a step and puts its time into it.</summary>
    private static async Task<DrillStep> Timed(Func<Task<DrillStep>> run)
    {
        var started = Stopwatch.GetTimestamp();
        var step = await run();
        return step with { TookMs = ElapsedMs(started) };
    }

    private static long ElapsedMs(long started) => (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds;
}
