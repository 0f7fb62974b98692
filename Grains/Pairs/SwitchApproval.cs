using System.Globalization;
using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>
/// The rules of two-person approval over the pair's list of switch requests (<see cref="TenantPairState.SwitchRequests"/>):
/// at most one pending request, a request decided once, and the list kept short.
/// </summary>
internal static class SwitchApproval
{
    /// <summary>How many requests the pair keeps (decided ones stay readable for a while, then go).</summary>
    public const int KeptRequests = 20;

    public static PairSwitchRequest? Find(List<PairSwitchRequest> requests, string requestId) =>
        requests.Find(request => request.RequestId == requestId);

    /// <summary>The one request that is still pending as of <paramref name="now"/>, if any.</summary>
    public static PairSwitchRequest? PendingOf(List<PairSwitchRequest> requests, DateTimeOffset now) =>
        requests.Find(request => request.StatusAt(now) == SwitchRequestStatus.Pending);

    public static PairSwitchRequest Create(SwitchCommand command, ApprovalSettings settings, long epoch, DateTimeOffset now) =>
        new(Guid.NewGuid().ToString("N"), command.Side, command.Actor, now, now.AddMinutes(settings.WindowMinutes), epoch, SwitchRequestStatus.Pending);

    public static void Keep(List<PairSwitchRequest> requests, PairSwitchRequest request)
    {
        requests.Add(request);
        if (requests.Count > KeptRequests)
        {
            requests.RemoveRange(0, requests.Count - KeptRequests);
        }
    }

    public static PairSwitchRequest Decide(List<PairSwitchRequest> requests, PairSwitchRequest request, SwitchRequestStatus status, Actor? by, DateTimeOffset now)
    {
        var decided = request with { Status = status, DecidedBy = by, DecidedAt = now };
        requests[requests.IndexOf(request)] = decided;
        return decided;
    }

    /// <summary>A switch made another way, or approval turned off: the pending request can no longer be approved.</summary>
    public static void SupersedePending(List<PairSwitchRequest> requests, DateTimeOffset now)
    {
        if (PendingOf(requests, now) is { } pending)
        {
            Decide(requests, pending, SwitchRequestStatus.Superseded, null, now);
        }
    }

    /// <summary>The audit details of a request's entries and of the switch its approval makes (names both people).</summary>
    public static Dictionary<string, string> DetailsOf(PairSwitchRequest request, Actor? approver = null)
    {
        var details = new Dictionary<string, string>
        {
            ["requestedSide"] = request.Side.ToString().ToLowerInvariant(),
            ["mode"] = "passkey",
            ["requestId"] = request.RequestId,
            ["requestedBy"] = request.RequestedBy.UserId,
            ["requestedByTenantId"] = request.RequestedBy.TenantId,
            ["expiresAt"] = request.ExpiresAt.ToString("O", CultureInfo.InvariantCulture),
        };
        if (approver is not null)
        {
            details["approvedBy"] = approver.UserId;
            details["approvedByTenantId"] = approver.TenantId;
        }

        return details;
    }
}
