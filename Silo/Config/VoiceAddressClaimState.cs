using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>A voice number claim as stored. The region is kept so a reader can fetch the point of contact without asking the tenant grain.</summary>
internal sealed record VoiceAddressClaimState(string Address, string TenantId, string Region, string PointOfContactId, DateTimeOffset ClaimedAt) : IClaimState
{
    public VoiceAddressClaim ToClaim(string etag) => new(Address, new TenantLocation(TenantId, Region), PointOfContactId, ClaimedAt, etag);
}
