using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// One object per dialled number at <c>voice-addresses/{escaped E.164}</c> in the control store
/// (a number rings in one tenant, whatever the region), claimed and released conditionally
/// (<see cref="UniqueValueClaims"/>).
/// </summary>
/// <remarks>
/// The sync engine writes BCP copies of voice points of contact without claiming: they keep the
/// primary's number, and the claim stays the primary's (see <see cref="IVoiceAddressIndex"/>).
/// </remarks>
public sealed class VoiceAddressIndex(IObjectStoreProvider stores, ITenantConfiguration configuration, TimeProvider timeProvider) : IVoiceAddressIndex
{
    public const string Prefix = "voice-addresses/";

    private readonly UniqueValueClaims _claims = new(stores, timeProvider);

    public async Task<VoiceAddressClaimResult> ClaimAsync(string address, TenantLocation tenant, string pointOfContactId)
    {
        var number = VoiceNumber.Normalize(address) ?? throw new ArgumentException($"'{address}' is not an E.164 number.", nameof(address));
        var attempt = await _claims.ClaimAsync(
            Key(number),
            now => new VoiceAddressClaimState(number, tenant.TenantId, tenant.Region, pointOfContactId, now),
            held => held.TenantId == tenant.TenantId && held.PointOfContactId == pointOfContactId,
            PointOfContactLetGoAsync,
            $"voice address {number}");
        return new(attempt.Outcome, attempt.State?.ToClaim(attempt.ETag!));
    }

    public Task<bool> ReleaseAsync(VoiceAddressClaim claim) => _claims.ReleaseAsync(Key(claim.Address), claim.ETag);

    public async Task<VoiceAddressClaim?> FindAsync(string address) =>
        VoiceNumber.Normalize(address) is { } number && await _claims.FindAsync<VoiceAddressClaimState>(Key(number)) is (var state, var etag)
            ? state.ToClaim(etag)
            : null;

    /// <summary>The store key of a number in E.164 form ('+' escaped, so the key is plain ASCII).</summary>
    public static string Key(string number) => Prefix + Uri.EscapeDataString(number);

    /// <summary>
    /// A crashed writer's claim (never written), a deleted point of contact whose release was lost, or
    /// one moved to another number or channel. Being deactivated is not letting go: it keeps the number.
    /// </summary>
    private async Task<bool> PointOfContactLetGoAsync(VoiceAddressClaimState held)
    {
        var pointOfContact = await configuration.GetAsync(
            new TenantLocation(held.TenantId, held.Region), EntityTypes.PointsOfContact, held.PointOfContactId);
        return pointOfContact is null || VoiceNumber.Of(pointOfContact.Data) != held.Address;
    }
}
