using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Approvals;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>A switch request waiting for (or decided by) a second person, as the API shows it.</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Side">The side asked for.</param>
/// <param name="RequestedBy">The user who gave the passkey.</param>
/// <param name="RequestedByTenantId">Their tenant.</param>
/// <param name="RequestedAt">When.</param>
/// <param name="ExpiresAt">Until when it can be approved.</param>
/// <param name="Status">Where it stands.</param>
public sealed record SwitchRequestDocument(
    string RequestId, PairRole Side, string RequestedBy, string RequestedByTenantId, DateTimeOffset RequestedAt, DateTimeOffset ExpiresAt, SwitchRequestStatus Status)
{
    /// <summary>The user who approved or declined it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DecidedBy { get; init; }

    /// <summary>Their tenant.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DecidedByTenantId { get; init; }

    /// <summary>When it was approved, declined or superseded.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? DecidedAt { get; init; }

    public static SwitchRequestDocument From(PairSwitchRequest request) => new(
        request.RequestId, request.Side, request.RequestedBy.UserId, request.RequestedBy.TenantId, request.RequestedAt, request.ExpiresAt, request.Status)
    {
        DecidedBy = request.DecidedBy?.UserId,
        DecidedByTenantId = request.DecidedBy?.TenantId,
        DecidedAt = request.DecidedAt,
    };

    public static string LocationOf(string pairId, string requestId) => $"/tenant-pairs/{pairId}/switch-requests/{requestId}";
}
