using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Drills;

namespace Orleans.Bcp.Api.Drills;

/// <summary>Drills: a switch rehearsed, nothing moved (docs/drills.md).</summary>
public static class DrillEndpoints
{
    private const int MaxPasskeyLength = 100;

    public static RouteGroupBuilder MapDrills(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenant-pairs/{pairId}/drills").WithTags("Drills").RequireAuthorization().AddEndpointFilter<VisiblePairFilter>();
        group.MapPost("/", DrillAsync).RequireAuthorization(Permissions.SwitchPolicy).LimitAsCostly()
            .WithName("runDrill").WithSummary("Rehearse a switch")
            .WithDescription("Runs every step of a switch to `side` without changing anything: the passkey (a wrong one fails the step and counts toward the caller's lockout like a switch's; a locked-out caller gets the switch's 429), " +
                "the readiness verdict, the login-options answer of every user of the primary tenant and the voice-routing answer of every voice point of contact as if the side were switched, and a ping of every active silo (1 s). " +
                "The epoch, the active side and every login and routing answer stay as they were. A tenant admin (bcp.activation.edit) gives the passkey; an operator (bcp.setup) may leave it out. " +
                "The drill is kept (the last 50), audited as `drill` and announced as `drill.completed`.")
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found").ProducesProblems(429, "switch-locked");
        group.MapGet("/", ListAsync)
            .WithName("listDrills").WithSummary("List the drills")
            .WithDescription("The pair's last 50 drills, newest first. For the users of either tenant and operators; 404 for anyone else.")
            .ProducesProblems(404, "not-found");
        group.MapGet("/schedule", GetScheduleAsync)
            .WithName("getDrillSchedule").WithSummary("Read the weekly drill schedule")
            .WithDescription("Whether a drill (without the passkey step, to the side not active) runs every week, on which day and at what time (UTC), and when next.")
            .ProducesProblems(404, "not-found");
        group.MapPut("/schedule", SetScheduleAsync).RequireAuthorization(Permissions.SwitchPolicy)
            .WithName("setDrillSchedule").WithSummary("Set the weekly drill schedule")
            .WithDescription("`weekday` is a day's name (`monday` … `sunday`), `at` the time of day in UTC (`HH:mm`). An operator (bcp.setup) or an admin of the primary tenant (bcp.activation.edit). " +
                "Each scheduled drill is kept and announced like any other, its actor `schedule`.")
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found");
        group.MapGet("/{drillId}", GetAsync)
            .WithName("getDrill").WithSummary("Read a drill")
            .ProducesProblems(404, "not-found");
        return group;
    }

    public static async Task<Results<Created<DrillDocument>, ProblemHttpResult>> DrillAsync(
        string pairId, DrillRequest request, Caller caller, HttpContext http, PairDriller driller, TimeProvider time)
    {
        if (Validate(request, caller) is { } invalid)
        {
            return invalid;
        }

        var passkey = string.IsNullOrEmpty(request.Passkey) ? null : request.Passkey;
        var (report, refusal) = await driller.DrillAndKeepAsync(VisiblePairFilter.Of(http), request.Side!.Value, passkey, caller.Actor);
        return report is not null
            ? TypedResults.Created($"/tenant-pairs/{pairId}/drills/{report.DrillId}", DrillDocument.From(report))
            : refusal!.Outcome == SwitchOutcome.LockedOut ? SwitchLockProblem.Locked(http, refusal, time) : Problem.NotFound("Pair");
    }

    public static async Task<Ok<List<DrillDocument>>> ListAsync(string pairId, IGrainFactory grains) =>
        TypedResults.Ok((await grains.GetGrain<IPairDrillsGrain>(pairId).ListAsync(IPairDrillsGrain.HistoryLimit)).Select(DrillDocument.From).ToList());

    public static async Task<Results<Ok<DrillDocument>, ProblemHttpResult>> GetAsync(string pairId, string drillId, IGrainFactory grains) =>
        await grains.GetGrain<IPairDrillsGrain>(pairId).GetAsync(drillId) is { } report ? TypedResults.Ok(DrillDocument.From(report)) : Problem.NotFound("Drill");

    public static async Task<Ok<DrillScheduleDocument>> GetScheduleAsync(string pairId, IGrainFactory grains) =>
        TypedResults.Ok(DrillScheduleDocument.From(await grains.GetGrain<IPairDrillsGrain>(pairId).GetScheduleAsync()));

    public static async Task<Results<Ok<DrillScheduleDocument>, ProblemHttpResult>> SetScheduleAsync(
        string pairId, DrillScheduleRequest request, Caller caller, HttpContext http, IGrainFactory grains)
    {
        if (!caller.Has(Permissions.Setup) && caller.TenantId != VisiblePairFilter.Of(http).Primary.TenantId)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, "permission-required", "Setting the drill schedule needs bcp.setup or bcp.activation.edit of the primary tenant");
        }

        if (request.Enabled is null)
        {
            return Problem.Invalid("enabled", "enabled is required: true or false.");
        }

        if (!Enum.TryParse<DayOfWeek>(request.Weekday, ignoreCase: true, out var weekday) || !request.Weekday!.All(char.IsAsciiLetter))
        {
            return Problem.Invalid("weekday", "weekday must be a day's name: monday, tuesday, wednesday, thursday, friday, saturday or sunday.");
        }

        if (request.At is null || !DailyTime.TryRead(request.At, out var at))
        {
            return Problem.Invalid("at", $"at must be a time of day in UTC as {DailyTime.Format}, e.g. 06:30.");
        }

        var schedule = await grains.GetGrain<IPairDrillsGrain>(pairId).SetScheduleAsync(request.Enabled.Value, weekday, at, caller.Actor);
        return TypedResults.Ok(DrillScheduleDocument.From(schedule));
    }

    private static ProblemHttpResult? Validate(DrillRequest request, Caller caller)
    {
        if (request.Side is null)
        {
            return Problem.Invalid("side", "side is required: \"primary\" or \"bcp\".");
        }

        if (request.Passkey is { Length: > MaxPasskeyLength })
        {
            return Problem.Invalid("passkey", "The passkey is too long.");
        }

        return string.IsNullOrEmpty(request.Passkey) && !caller.Has(Permissions.Setup)
            ? Problem.Invalid("passkey", "The passkey is required (only an operator drills without it).")
            : null;
    }
}
