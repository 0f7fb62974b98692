using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Silo.Pairs;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>Two-person approval of a pair's passkey switches (docs/approval.md), in the <c>/tenant-pairs</c> group.</summary>
public static class ApprovalEndpoints
{
    public static void MapApproval(this RouteGroupBuilder group)
    {
        group.MapGet("/{pairId}/approval", GetAsync)
            .WithName("getApproval").WithSummary("Read the approval settings")
            .WithDescription("Whether a passkey switch waits for a second person's approval, how long a switch request can be approved, and the pair's newest switch request (`latestRequest`, whatever its status; absent when there has been none).")
            .ProducesProblems(404, "not-found");
        group.MapPut("/{pairId}/approval", SetAsync).RequireAuthorization(Permissions.SwitchPolicy)
            .WithName("setApproval").WithSummary("Set the approval settings")
            .WithDescription("`required`: a passkey switch answers 202 with a switch request that another user (bcp.activation.edit of either tenant) approves or declines; `windowMinutes` (5 to 60) is how long it can be approved. " +
                "An operator (bcp.setup) or an admin of the primary tenant (bcp.activation.edit). Audited as `approval-settings`, announced as `approval.changed`.")
            .ProducesProblems(400, "validation").ProducesProblems(403, "permission-required").ProducesProblems(404, "not-found");
        group.MapGet("/{pairId}/switch-requests/{requestId}", GetRequestAsync)
            .WithName("getSwitchRequest").WithSummary("Read a switch request")
            .ProducesProblems(404, "not-found");
        group.MapPost("/{pairId}/switch-requests/{requestId}/approve", ApproveAsync).RequireAuthorization(Permissions.SwitchPolicy)
            .WithName("approveSwitchRequest").WithSummary("Approve a switch request")
            .WithDescription("A user other than the requester, with bcp.activation.edit of either tenant, approves: the pair switches as asked and the answer is the switch's. The audit entry names both. " +
                "A request that expired, was declined, approved or superseded (by an operator's switch, or approval turned off) is a 409 naming why.")
            .ProducesProblems(403, "self-approval", "permission-required").ProducesProblems(404, "not-found")
            .ProducesProblems(409, SwitchDecisionProblem.ClosedTypes);
        group.MapPost("/{pairId}/switch-requests/{requestId}/decline", DeclineAsync).RequireAuthorization(Permissions.SwitchPolicy)
            .WithName("declineSwitchRequest").WithSummary("Decline a switch request")
            .WithDescription("A user with bcp.activation.edit of either tenant (the requester too) declines: nothing switches. Audited as `switch-request` `declined`.")
            .ProducesProblems(403, "permission-required").ProducesProblems(404, "not-found")
            .ProducesProblems(409, SwitchDecisionProblem.ClosedTypes);
    }

    public static async Task<Results<Ok<ApprovalDocument>, ProblemHttpResult>> GetAsync(string pairId, IGrainFactory grains)
    {
        var approvals = grains.GetGrain<IPairApprovals>(pairId);
        return await approvals.GetApprovalAsync() is { } settings
            ? TypedResults.Ok(ApprovalDocument.From(settings, await approvals.GetLatestSwitchRequestAsync()))
            : Problem.NotFound("Pair");
    }

    public static async Task<Results<Ok<ApprovalDocument>, ProblemHttpResult>> SetAsync(
        string pairId, ApprovalRequest request, Caller caller, HttpContext http, IGrainFactory grains)
    {
        if (!caller.Has(Permissions.Setup) && caller.TenantId != VisiblePairFilter.Of(http).Primary.TenantId)
        {
            return Problem.Of(StatusCodes.Status403Forbidden, "permission-required", "Setting approval needs bcp.setup or bcp.activation.edit of the primary tenant");
        }

        if (request.Required is not { } required)
        {
            return Problem.Invalid("required", "required is required: true or false.");
        }

        if (request.WindowMinutes is < ApprovalSettings.MinWindowMinutes or > ApprovalSettings.MaxWindowMinutes)
        {
            return Problem.Invalid("windowMinutes", $"windowMinutes must be a whole number from {ApprovalSettings.MinWindowMinutes} to {ApprovalSettings.MaxWindowMinutes}.");
        }

        var approvals = grains.GetGrain<IPairApprovals>(pairId);
        var window = request.WindowMinutes ?? ((await approvals.GetApprovalAsync()) ?? ApprovalSettings.Off).WindowMinutes;
        return await approvals.SetApprovalAsync(new ApprovalSettings(required, window), caller.Actor) is { } set
            ? TypedResults.Ok(ApprovalDocument.From(set)) : Problem.NotFound("Pair");
    }

    public static async Task<Results<Ok<SwitchRequestDocument>, ProblemHttpResult>> GetRequestAsync(string pairId, string requestId, IGrainFactory grains) =>
        await grains.GetGrain<IPairApprovals>(pairId).GetSwitchRequestAsync(requestId) is { } request
            ? TypedResults.Ok(SwitchRequestDocument.From(request)) : Problem.NotFound("Switch request");

    public static async Task<Results<Ok<PairStatusDocument>, ProblemHttpResult>> ApproveAsync(
        string pairId, string requestId, Caller caller, HttpContext http, SwitchApprovals approvals)
    {
        if (MayDecide(caller, VisiblePairFilter.Of(http)) is { } forbidden)
        {
            return forbidden;
        }

        var decision = await approvals.ApproveAsync(pairId, requestId, caller.Actor);
        return decision.Outcome == SwitchDecisionOutcome.Done
            ? TypedResults.Ok(PairStatusDocument.From(decision.Switch!.Status!) with { Outcome = decision.Switch.Outcome })
            : SwitchDecisionProblem.Of(decision);
    }

    public static async Task<Results<Ok<SwitchRequestDocument>, ProblemHttpResult>> DeclineAsync(
        string pairId, string requestId, Caller caller, HttpContext http, IGrainFactory grains)
    {
        if (MayDecide(caller, VisiblePairFilter.Of(http)) is { } forbidden)
        {
            return forbidden;
        }

        var decision = await grains.GetGrain<IPairApprovals>(pairId).DeclineAsync(requestId, caller.Actor);
        return decision.Outcome == SwitchDecisionOutcome.Done ? TypedResults.Ok(SwitchRequestDocument.From(decision.Request!)) : SwitchDecisionProblem.Of(decision);
    }

    /// <summary>Deciding takes bcp.activation.edit of one of the pair's tenants (an operator's own switch needs no approval).</summary>
    private static ProblemHttpResult? MayDecide(Caller caller, PairStatus pair) =>
        caller.Has(Permissions.ActivationEdit) && (caller.TenantId == pair.Primary.TenantId || caller.TenantId == pair.Bcp.TenantId)
            ? null
            : Problem.Of(StatusCodes.Status403Forbidden, "permission-required", "Deciding a switch request needs bcp.activation.edit of one of the pair's tenants");
}
