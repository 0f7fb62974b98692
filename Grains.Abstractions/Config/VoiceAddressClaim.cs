namespace Orleans.Bcp.Grains.Abstractions.Config;

/// <summary>Which tenant's voice point of contact holds a dialled number (E.164), platform-wide.</summary>
/// <param name="Address">The number in E.164 form.</param>
/// <param name="Tenant">The tenant (and region) whose point of contact holds it.</param>
/// <param name="PointOfContactId">The point of contact's id in that tenant.</param>
/// <param name="ClaimedAt">When the claim was made or renewed.</param>
/// <param name="ETag">The claim's version, for a conditional release.</param>
public sealed record VoiceAddressClaim(string Address, TenantLocation Tenant, string PointOfContactId, DateTimeOffset ClaimedAt, string ETag);
