using System.Collections.Immutable;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Silo.Sync;

namespace Orleans.Bcp.Api.Sync;

/// <summary>Sync settings, runs, correlations and the script checklist of a pair (docs/sync.md).</summary>
public static class SyncEndpoints
{
    private const int DefaultRunLimit = 20;
    private const int MaxRunLimit = 50;

    public static RouteGroupBuilder MapSync(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenant-pairs/{pairId}").WithTags("Sync").RequireAuthorization().AddEndpointFilter<VisiblePairFilter>();
        group.MapGet("/sync", GetSettingsAsync)
            .WithName("getSyncSettings").WithSummary("Read the sync settings")
            .WithDescription("Whether the daily sync is on, its mode and types, the time of day and the next run.")
            .ProducesProblems(404, "not-found");
        group.MapPut("/sync", UpdateSettingsAsync).RequireAuthorization(Permissions.SyncEdit)
            .WithName("updateSyncSettings").WithSummary("Change the sync settings")
            .WithDescription("Turns the daily sync on or off, in default mode (all 11 types) or custom mode (the types named). Enabling sets the time of day to now.")
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found");
        group.MapPost("/sync/runs", StartRunAsync).RequireAuthorization(Permissions.SyncEdit)
            .WithName("startSyncRun").WithSummary("Run the sync now")
            .WithDescription("Starts a run outside the schedule; its report is at the Location answered. One run at a time (409 sync-running names the running one).")
            .ProducesProblems(404, "not-found").ProducesProblems(409, "sync-running");
        group.MapGet("/sync/runs", GetRunsAsync)
            .WithName("listSyncRuns").WithSummary("List sync runs")
            .WithDescription("The pair's run reports, newest first.")
            .WithIntegerQuery("limit", 1, MaxRunLimit, DefaultRunLimit).ProducesProblems(400, "validation").ProducesProblems(404, "not-found");
        group.MapGet("/sync/runs/{runId}", GetRunAsync)
            .WithName("getSyncRun").WithSummary("Read a sync run")
            .WithDescription("One run's report: how it ended, per-type counts, warnings. Among the last 50 runs.")
            .ProducesProblems(404, "not-found");
        group.MapPost("/sync/runs/{runId}/release-deletes", ReleaseDeletesAsync).RequireAuthorization(Permissions.SyncEdit)
            .WithName("releaseHeldDeletes").WithSummary("Release a run's held deletes")
            .WithDescription("Approves exactly the deletes the run held (`heldDeletes`), audited, and starts the run that applies them; "
                + "each is re-checked against the primary then and deleted only if still absent (a point of contact is deactivated). "
                + "409 no-held-deletes, deletes-already-released (names the run that applied them), sync-running.")
            .ProducesProblems(404, "not-found").ProducesProblems(409, "no-held-deletes", "deletes-already-released", "sync-running");
        group.MapGet("/correlations/{type}/{id}", GetCorrelationAsync)
            .WithName("getCorrelation").WithSummary("Look up a correlation")
            .WithDescription("Which BCP entity a primary entity was copied to (by primary id), or with `direction=reverse` which primary entity a BCP entity is the copy of.")
            .ProducesProblems(400, "validation").ProducesProblems(404, "not-found", "unknown-entity-type");
        group.MapGet("/scripts/checklist", GetChecklistAsync).LimitAsCostly()
            .WithName("getScriptChecklist").WithSummary("Read the script checklist")
            .WithDescription("Per synced script, every primary entity id found in its content, its type and the BCP id to use, and the ids that could not be mapped; done when rewriteScriptIds is on.")
            .ProducesProblems(404, "not-found");
        return group;
    }

    public static async Task<Results<Ok<SyncSettingsDocument>, ProblemHttpResult>> GetSettingsAsync(
        string pairId, IGrainFactory grains, SyncSummaries syncs)
    {
        return TypedResults.Ok(SyncSettingsDocument.From(await grains.GetGrain<ISyncReminderGrain>(pairId).GetSettingsAsync()));
    }

    public static async Task<Results<Ok<SyncSettingsDocument>, ProblemHttpResult>> UpdateSettingsAsync(
        string pairId, SyncSettingsRequest request, Caller caller, IGrainFactory grains, SyncSummaries syncs)
    {
        if (Validate(request) is { } invalid)
        {
            return invalid;
        }

        TimeSpan? dailyAt = null;
        if (request.DailyAt is { } text)
        {
            if (!DailyTime.TryRead(text, out var time))
            {
                return Problem.Invalid("dailyAt", $"dailyAt must be a UTC time of day as \"{DailyTime.Format}\", 00:00 to 23:59, such as \"02:30\".");
            }

            dailyAt = time;
        }

        var update = new SyncSettingsUpdate(
            request.Enabled!.Value, request.Mode ?? SyncMode.Default, [.. request.EntityTypes ?? []], request.RewriteScriptIds ?? false, dailyAt);
        var settings = await grains.GetGrain<ISyncReminderGrain>(pairId).UpdateSettingsAsync(update, caller.Actor);
        syncs.Forget(pairId);
        return TypedResults.Ok(SyncSettingsDocument.From(settings));
    }

    public static async Task<Results<Accepted<RunStartedResponse>, ProblemHttpResult>> StartRunAsync(
        string pairId, IGrainFactory grains, SyncSummaries syncs)
    {
        var start = await grains.GetGrain<ISyncReminderGrain>(pairId).StartRunAsync();
        syncs.Forget(pairId);
        return start.Started
            ? TypedResults.Accepted($"/tenant-pairs/{pairId}/sync/runs/{start.RunId}", new RunStartedResponse(start.RunId!))
            : Problem.Of(StatusCodes.Status409Conflict, "sync-running", "A sync run is already running",
                $"Run {start.RunId} is running; wait for it to end.", new Dictionary<string, object?> { ["runId"] = start.RunId });
    }

    public static async Task<Results<Ok<ImmutableList<SyncRunReport>>, ProblemHttpResult>> GetRunsAsync(
        string pairId, IGrainFactory grains, string? limit = null)
    {
        var count = DefaultRunLimit;
        if (limit is not null && !WholeNumber.TryParse(limit, 1, MaxRunLimit, out count))
        {
            return Problem.Invalid("limit", $"limit must be a whole number from 1 to {MaxRunLimit}.");
        }

        return TypedResults.Ok(await grains.GetGrain<ISyncReminderGrain>(pairId).GetRunsAsync(count));
    }

    public static async Task<Results<Ok<SyncRunReport>, ProblemHttpResult>> GetRunAsync(
        string pairId, string runId, IGrainFactory grains)
    {
        var runs = await grains.GetGrain<ISyncReminderGrain>(pairId).GetRunsAsync(MaxRunLimit);
        return runs.FirstOrDefault(run => run.RunId == runId) is { } report ? TypedResults.Ok(report) : Problem.NotFound("Run");
    }

    public static async Task<Results<Accepted<DeletesReleasedResponse>, ProblemHttpResult>> ReleaseDeletesAsync(
        string pairId, string runId, Caller caller, IGrainFactory grains, SyncSummaries syncs)
    {
        var result = await grains.GetGrain<ISyncReminderGrain>(pairId).ReleaseDeletesAsync(runId, caller.Actor);
        syncs.Forget(pairId);
        return result.Outcome switch
        {
            ReleaseDeletesOutcome.Released => TypedResults.Accepted(
                $"/tenant-pairs/{pairId}/sync/runs/{result.RunId}", new DeletesReleasedResponse(runId, result.RunId!, result.Released)),
            ReleaseDeletesOutcome.UnknownRun => Problem.NotFound("Run"),
            ReleaseDeletesOutcome.NothingHeld => Problem.Of(StatusCodes.Status409Conflict, "no-held-deletes", "The run held no deletes",
                $"Run {runId} deleted what it found gone, or nothing; there is nothing to release."),
            ReleaseDeletesOutcome.AlreadyReleased => Problem.Of(StatusCodes.Status409Conflict, "deletes-already-released", "Already released",
                $"The deletes run {runId} held were released; run {result.RunId} applies them.", new Dictionary<string, object?> { ["runId"] = result.RunId }),
            _ => Problem.Of(StatusCodes.Status409Conflict, "sync-running", "A sync run is already running",
                $"Run {result.RunId} is running; release the deletes once it has ended.", new Dictionary<string, object?> { ["runId"] = result.RunId }),
        };
    }

    public static async Task<Results<Ok<CorrelationDocument>, ProblemHttpResult>> GetCorrelationAsync(
        string pairId, string type, string id, IGrainFactory grains, string? direction = null)
    {
        if (direction is not (null or "forward" or "reverse"))
        {
            return Problem.Invalid("direction", "direction must be \"forward\" (by primary id, the default) or \"reverse\" (by BCP id).");
        }

        if (EntityTypes.Find(type) is null)
        {
            return Problem.Of(StatusCodes.Status404NotFound, "unknown-entity-type", "Unknown entity type", $"'{type}' is not an entity type that syncs.");
        }

        var set = await CorrelationSet.LoadAsync(grains, pairId, type);
        var correlation = direction == "reverse"
            ? set.ByPrimaryId.Values.FirstOrDefault(c => c.BcpId == id)
            : set.ByPrimaryId.GetValueOrDefault(id);
        return correlation is null
            ? Problem.NotFound("Correlation")
            : TypedResults.Ok(new CorrelationDocument(type, correlation.PrimaryId, correlation.BcpId, correlation.IsComplete, correlation.ContentHash));
    }

    public static async Task<Results<Ok<ScriptChecklistDocument>, ProblemHttpResult>> GetChecklistAsync(
        string pairId, HttpContext http, IGrainFactory grains, ScriptChecklistBuilder checklist)
    {
        var status = VisiblePairFilter.Of(http);
        var settings = await grains.GetGrain<ISyncReminderGrain>(pairId).GetSettingsAsync();
        var items = await checklist.BuildAsync(
            pairId, new TenantLocation(status.Primary.TenantId, status.Primary.Region), new TenantLocation(status.Bcp.TenantId, status.Bcp.Region));
        return TypedResults.Ok(new ScriptChecklistDocument(settings.RewriteScriptIds, items));
    }

    private static ProblemHttpResult? Validate(SyncSettingsRequest request)
    {
        if (request.Enabled is null)
        {
            return Problem.Invalid("enabled", "enabled is required (true or false).");
        }

        var types = request.EntityTypes ?? [];
        // A null item ([null]) names no type either; it used to pass and be stored as a type to sync.
        if (types.Where(type => type is null || EntityTypes.Find(type) is null).Select(type => type ?? "null").FirstOrDefault() is { } unknown)
        {
            return Problem.Invalid("entityTypes", $"'{unknown}' is not an entity type that syncs.");
        }

        if (request.Mode == SyncMode.Custom && types.Count == 0)
        {
            return Problem.Invalid("entityTypes", "Custom mode needs at least one entity type.");
        }

        return request.Mode != SyncMode.Custom && types.Count > 0
            ? Problem.Invalid("entityTypes", "entityTypes is only for custom mode; default mode syncs all types.")
            : null;
    }
}
