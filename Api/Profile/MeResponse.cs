using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Profile;

/// <summary>"Which tenant am I on": the caller, the tenant's account name, and whether it is a BCP tenant.</summary>
public sealed record MeResponse(
    string UserId,
    string TenantId,
    string AccountName,
    string Region,
    bool IsBcpTenant,
    string? PairId,
    PairRole? ActiveSide,
    IReadOnlyCollection<string> Permissions)
{
    /// <summary>The caller's username in the tenant, when the token's user is one of its users and it was read in time.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Username { get; init; }
}
