using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Approvals;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>The problems of a switch request that cannot be decided, and of a switch while one is pending.</summary>
public static class SwitchDecisionProblem
{
    /// <summary>The 409 types of a request no longer pending, one per reason.</summary>
    public static readonly string[] ClosedTypes = ["switch-request-expired", "switch-request-declined", "switch-request-approved", "switch-request-superseded"];

    public static ProblemHttpResult Of(SwitchDecision decision) => decision.Outcome switch
    {
        SwitchDecisionOutcome.SelfApproval => Problem.Of(StatusCodes.Status403Forbidden, "self-approval", "You cannot approve your own switch request",
            "Another user with bcp.activation.edit of either tenant approves it."),
        SwitchDecisionOutcome.NotPending => Closed(decision.Request!),
        _ => Problem.NotFound("Switch request"),
    };

    /// <summary>A second switch request while one is pending: the pending one is named.</summary>
    public static ProblemHttpResult Pending(string pairId, PairSwitchRequest pending) =>
        Problem.Of(StatusCodes.Status409Conflict, "switch-request-pending", "A switch request is pending",
            $"Switch request {pending.RequestId} (to {pending.Side.ToString().ToLowerInvariant()}) waits for approval until {pending.ExpiresAt:O}.",
            new Dictionary<string, object?> { ["requestId"] = pending.RequestId, ["location"] = SwitchRequestDocument.LocationOf(pairId, pending.RequestId) });

    private static ProblemHttpResult Closed(PairSwitchRequest request)
    {
        var status = request.Status.ToString().ToLowerInvariant();
        return Problem.Of(StatusCodes.Status409Conflict, $"switch-request-{status}", $"The switch request is {status}",
            request.Status == SwitchRequestStatus.Superseded
                ? "The pair switched another way, or approval was turned off, after it was asked for."
                : null,
            new Dictionary<string, object?> { ["requestId"] = request.RequestId, ["requestStatus"] = status });
    }
}
