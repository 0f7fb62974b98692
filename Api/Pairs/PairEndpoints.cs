using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Pairs;
using Orleans.Bcp.Silo.Search;
using Orleans.Bcp.Silo.Sync;

namespace Orleans.Bcp.Api.Pairs;

public static class PairEndpoints
{
    private const int MaxReasonLength = 500;
    private const int MaxPasskeyLength = 100;
    private const int DefaultAuditLimit = 50;
    private const int MaxAuditLimit = 500;

    public static RouteGroupBuilder MapPairs(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/tenant-pairs").WithTags("Tenant pairs").RequireAuthorization().AddEndpointFilter<VisiblePairFilter>();
        group.MapPost("/", CreateAsync).RequireAuthorization(Permissions.Setup)
            .WithName("createPair").WithSummary("Create a pair")
            .WithDescription("Pairs a primary tenant with a BCP tenant in another region. The answer carries the pair's passkey: the only time it is ever shown.")
            .ProducesProblems(400, "validation").ProducesProblems(409, "tenant-already-paired").ProducesProblems(422, "tenant-not-found", "same-region");
        group.MapGet("/", SearchAsync).RequireAuthorization(Permissions.Setup).LimitAsCostly()
            .WithName("searchPairs").WithSummary("Find pairs by name")
            .WithDescription("Pairs whose id or either tenant's id starts with, or either tenant's account name contains, `search` (any case; every pair when empty), a page at a time. A name is matched and shown up to its first 90 characters. A page reads at most 2,000 entries: it may hold fewer than pageSize, or none, and still carry a continuationToken; follow it until it is null.")
            .WithIntegerQuery("pageSize", 1, SearchQuery.MaxPageSize, SearchQuery.DefaultPageSize).ProducesProblems(400, "validation");
        group.MapGet("/{pairId}", GetAsync).AsHotRead()
            .WithName("getPair").WithSummary("Read a pair's status")
            .WithDescription("The active side and tenant, the epoch, the last switch, a switch lock if any, and the sync's settings and last run. For the users of either tenant and operators; 404 for anyone else.")
            .ProducesProblems(404, "not-found");
        group.MapPut("/{pairId}/active-side", SwitchAsync).RequireAuthorization(Permissions.SwitchPolicy)
            .WithName("switchActiveSide").WithSummary("Switch the active side")
            .WithDescription("Makes the primary or the BCP tenant the active one. A tenant admin (bcp.activation.edit) gives the passkey; an operator (bcp.setup) may give a reason instead. Five wrong passkeys in 15 minutes lock switching for that caller (tenant and user) for 15 minutes (429 with Retry-After); other callers still switch. Only 25 wrong passkeys from several callers lock the whole pair. The 403 says the caller's `attemptsLeft`; the 429 says `lockedUntil` and `lockScope` (`caller` or `pair`). An operator's reasoned switch and a passkey rotation always work. Users must log out and in again after a switch. The readiness report never blocks a switch; one answered while it is not-ready names the failing checks (`notReadyChecks`, also in the audit entry). " +
                "When the pair requires approval (PUT …/approval), a right passkey answers 202 with a switch request another user approves; an operator's reasoned switch bypasses approval.")
            .ProducesProblems(400, "validation").ProducesProblems(403, "passkey-invalid").ProducesProblems(404, "not-found").ProducesProblems(409, "switch-request-pending").ProducesProblems(429, "switch-locked");
        group.MapGet("/{pairId}/active-side/attempts", GetAttemptsAsync).RequireAuthorization(Permissions.SwitchPolicy)
            .WithName("getSwitchAttempts").WithSummary("Read the caller's passkey attempts left")
            .WithDescription("How many wrong passkeys the signed-in caller may still give before switching is locked for them, or the lock in force (its end and whether it is the caller's own or the pair's).")
            .ProducesProblems(404, "not-found");
        group.MapPost("/{pairId}/passkey/rotate", RotatePasskeyAsync).RequireAuthorization(Permissions.Setup)
            .WithName("rotatePasskey").WithSummary("Rotate the passkey")
            .WithDescription("Replaces the pair's passkey; the answer shows the new one, once.")
            .ProducesProblems(404, "not-found");
        group.MapGet("/{pairId}/audit", GetAuditAsync).LimitAsCostly()
            .WithName("getAudit").WithSummary("Read the audit trail")
            .WithDescription("The pair's audit entries, newest first: switches, passkey rotations, sync settings and runs, BCP type changes. Never holds secrets.")
            .WithIntegerQuery("limit", 1, MaxAuditLimit, DefaultAuditLimit).ProducesProblems(400, "validation").ProducesProblems(404, "not-found");
        group.MapApproval();
        return group;
    }

    public static Task<Results<Created<PairStatusDocument>, ProblemHttpResult>> CreateAsync(
        CreatePairRequest request, Caller caller, PairSetup setup) =>
        PairSetupEndpoint.RunAsync(request, caller.Actor, setup);

    public static Task<Results<Ok<PairPage>, ProblemHttpResult>> SearchAsync(
        NameDirectory directory, string? search = null, string? pageSize = null, string? continuationToken = null) =>
        SearchQuery.AnswerAsync(search, pageSize, continuationToken,
            query => directory.SearchPairsAsync(query.Search, query.PageSize, query.Cursor), (items, token) => new PairPage(items, token));

    /// <summary>The hottest authenticated read: its 200 is written in one piece (see <see cref="BufferedJsonOk{TValue}"/>), serialized once per change (<see cref="PairStatusBodies"/>).</summary>
    public static async Task<Results<BufferedJsonOk<PairStatusDocument>, ProblemHttpResult>> GetAsync(
        string pairId, HttpContext http, SyncSummaries syncs, UserNames users, TimeProvider time)
    {
        var status = VisiblePairFilter.Of(http);
        // The kept status says when a lock ends as of its last push; a lock that has ended since is none.
        var lockEnded = status.SwitchLockedUntil <= time.GetUtcNow();
        // The hot read never waits for a name: a kept one shows, a missing one is read for the next poll.
        var byUsername = status.LastSwitch is { } last && PairStatusDocument.TenantOf(status, last.By.TenantId) is { } tenant
            ? users.Kept(tenant, last.By.UserId) : null;
        return PairStatusBodies.Answer(http, status, await syncs.GetAsync(pairId), lockEnded, byUsername);
    }

    public static async Task<Results<Ok<PairStatusDocument>, Accepted<SwitchRequestDocument>, ProblemHttpResult>> SwitchAsync(
        string pairId, SwitchRequest request, Caller caller, HttpContext http, PairSwitcher switcher, TimeProvider time)
    {
        if (Validate(request, caller) is { } invalid)
        {
            return invalid;
        }

        var passkey = string.IsNullOrEmpty(request.Passkey) ? null : request.Passkey;
        var reason = passkey is null ? request.Reason!.Trim() : null;
        var (result, notReady, overwrites) = await switcher.SwitchAsync(
            VisiblePairFilter.Of(http), request.Side!.Value, passkey, reason, caller.Actor, caller.Has(Permissions.Setup));
        switch (result.Outcome)
        {
            case SwitchOutcome.Switched or SwitchOutcome.AlreadyActive:
                return TypedResults.Ok(PairStatusDocument.From(result.Status!) with { Outcome = result.Outcome, NotReadyChecks = notReady, OverwritesBcpChanges = overwrites });
            case SwitchOutcome.PasskeyInvalid:
                return Problem.Of(StatusCodes.Status403Forbidden, "passkey-invalid", "The passkey is not valid",
                    result.LockedUntil is { } until ? $"Too many wrong passkeys: switching is locked for you until {until:O}." : null,
                    SwitchLockProblem.Extensions(result.Attempts!));
            case SwitchOutcome.LockedOut:
                return SwitchLockProblem.Locked(http, result, time);
            case SwitchOutcome.ApprovalRequested:
                return TypedResults.Accepted(SwitchRequestDocument.LocationOf(pairId, result.Request!.RequestId), SwitchRequestDocument.From(result.Request));
            case SwitchOutcome.RequestPending:
                return SwitchDecisionProblem.Pending(pairId, result.Request!);
            default:
                return Problem.NotFound("Pair");
        }
    }

    public static async Task<Results<Ok<SwitchAttemptsDocument>, ProblemHttpResult>> GetAttemptsAsync(
        string pairId, Caller caller, IGrainFactory grains)
    {
        var attempts = await grains.GetGrain<ITenantPairGrain>(pairId).GetAttemptsAsync(caller.Actor);
        return attempts is null ? Problem.NotFound("Pair") : TypedResults.Ok(SwitchAttemptsDocument.From(attempts));
    }

    public static async Task<Results<Ok<PasskeyResponse>, ProblemHttpResult>> RotatePasskeyAsync(
        string pairId, Caller caller, IGrainFactory grains)
    {
        var passkey = await grains.GetGrain<ITenantPairGrain>(pairId).RotatePasskeyAsync(caller.Actor, caller.Has(Permissions.Setup));
        return passkey is null ? Problem.NotFound("Pair") : TypedResults.Ok(new PasskeyResponse(pairId, passkey));
    }

    public static async Task<Results<Ok<List<AuditEntryDocument>>, ProblemHttpResult>> GetAuditAsync(
        string pairId, HttpContext http, IGrainFactory grains, UserNames users, string? limit = null)
    {
        var count = DefaultAuditLimit;
        if (limit is not null && !WholeNumber.TryParse(limit, 1, MaxAuditLimit, out count))
        {
            return Problem.Invalid("limit", $"limit must be a whole number from 1 to {MaxAuditLimit}.");
        }

        var entries = await grains.GetGrain<ITenantPairGrain>(pairId).GetAuditAsync(count);
        var status = VisiblePairFilter.Of(http);
        var names = await users.ResolveAsync(entries.Select(entry => new Actor(entry.ActorUserId, entry.ActorTenantId)), status.Primary, status.Bcp);
        return TypedResults.Ok(entries.Select(entry => AuditEntryDocument.From(entry) with
        {
            ActorUsername = names.GetValueOrDefault((entry.ActorTenantId, entry.ActorUserId)),
            ActorAccountName = PairStatusDocument.AccountNameOf(status, entry.ActorTenantId),
        }).ToList());
    }

    private static ProblemHttpResult? Validate(SwitchRequest request, Caller caller)
    {
        if (request.Side is null)
        {
            return Problem.Invalid("side", "side is required: \"primary\" or \"bcp\".");
        }

        if (request.Passkey is { Length: > MaxPasskeyLength })
        {
            return Problem.Invalid("passkey", "The passkey is too long.");
        }

        if (!string.IsNullOrEmpty(request.Passkey))
        {
            return null;
        }

        if (!caller.Has(Permissions.Setup))
        {
            return Problem.Invalid("passkey", "The passkey is required.");
        }

        return string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > MaxReasonLength
            ? Problem.Invalid("reason", $"An operator switching without passkey must give a reason (up to {MaxReasonLength} characters).")
            : null;
    }
}
