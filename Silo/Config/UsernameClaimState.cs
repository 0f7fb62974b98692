using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>A username claim as stored. The region is kept so a reader can fetch the user without asking the tenant grain.</summary>
internal sealed record UsernameClaimState(string Username, string TenantId, string Region, string UserId, DateTimeOffset ClaimedAt) : IClaimState
{
    public UsernameClaim ToClaim(string etag) => new(Username, new TenantLocation(TenantId, Region), UserId, ClaimedAt, etag);
}
