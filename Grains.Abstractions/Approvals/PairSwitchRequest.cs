using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Approvals;

/// <summary>A passkey switch waiting for (or decided by) a second person.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Side">The side the requester asked to make active.</param>
/// <param name="RequestedBy">Who gave the passkey.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="ExpiresAt">Until when it can be approved.</param>
/// <param name="Epoch">The pair's epoch when it was asked for: a switch since then supersedes it.</param>
/// <param name="Status">Where it stands (a pending request past <paramref name="ExpiresAt"/> reads as expired).</param>
/// <param name="DecidedBy">Who approved or declined it.</param>
/// <param name="DecidedAt">When.</param>
[GenerateSerializer, Immutable, Alias("bcp.PairSwitchRequest")]
public sealed record PairSwitchRequest(
    string RequestId, PairRole Side, Actor RequestedBy, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, long Epoch,
    SwitchRequestStatus Status, Actor? DecidedBy = null, DateTimeOffset? DecidedAt = null)
{
    /// <summary>The status as of <paramref name="now"/>: a pending request past its window is expired.</summary>
    public SwitchRequestStatus StatusAt(DateTimeOffset now) =>
        Status == SwitchRequestStatus.Pending && ExpiresAt <= now ? SwitchRequestStatus.Expired : Status;

    /// <summary>The request with its status as of <paramref name="now"/>.</summary>
    public PairSwitchRequest AsOf(DateTimeOffset now) => this with { Status = StatusAt(now) };
}
