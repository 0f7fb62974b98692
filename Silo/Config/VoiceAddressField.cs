using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// The number of a voice point of contact: one number rings in one tenant (<see cref="IVoiceAddressIndex"/>).
/// Points of contact on other channels carry no claimed value; <c>active: false</c> does not matter.
/// </summary>
internal sealed class VoiceAddressField(IVoiceAddressIndex index) : IUniqueField
{
    public string? ValueOf(JsonObject data) => VoiceNumber.Of(data);

    public bool AreSame(string? left, string? right) => left == right;

    public async Task<(IndexClaimOutcome Outcome, HeldClaim? Claim)> ClaimAsync(string value, TenantLocation tenant, string entityId)
    {
        var result = await index.ClaimAsync(value, tenant, entityId);
        return (result.Outcome, Held(result.Claim));
    }

    public async Task<HeldClaim?> FindOwnAsync(string value, TenantLocation tenant, string entityId) =>
        await index.FindAsync(value) is { } claim && claim.Tenant.TenantId == tenant.TenantId && claim.PointOfContactId == entityId ? Held(claim) : null;

    public EntityWriteOutcome Taken => EntityWriteOutcome.AddressTaken;

    private HeldClaim? Held(VoiceAddressClaim? claim) => claim is null ? null : new HeldClaim(() => index.ReleaseAsync(claim));
}
