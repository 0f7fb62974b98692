using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// Dialled numbers of voice points of contact, unique across the platform (a number rings in one
/// tenant). Only points of contact written through the configuration API claim their number; the
/// BCP copies written by the sync share the primary's number and reach it through correlations.
/// </summary>
/// <remarks>
/// Numbers are given in any form <see cref="VoiceNumber.Normalize"/> accepts and kept in E.164.
/// A deactivated point of contact (<c>active: false</c>) keeps its number: it is still configured
/// to ring in its tenant, and turning it back on must not find the number gone.
/// </remarks>
public interface IVoiceAddressIndex
{
    /// <summary>
    /// Claims <paramref name="address"/> for the point of contact. A claim held by another point of
    /// contact is taken over only when it is stale: older than a grace period and its point of
    /// contact gone, no longer on the voice channel, or carrying another number.
    /// </summary>
    /// <exception cref="ArgumentException">The address is not an E.164 number.</exception>
    Task<VoiceAddressClaimResult> ClaimAsync(string address, TenantLocation tenant, string pointOfContactId);

    /// <summary>Gives the claim up if it is unchanged since <paramref name="claim"/> was read; false when it changed or is gone.</summary>
    Task<bool> ReleaseAsync(VoiceAddressClaim claim);

    /// <summary>The claim on an E.164 number, or null (also for text that is no number). It may be pending or stale: confirm it by reading the point of contact.</summary>
    Task<VoiceAddressClaim?> FindAsync(string address);
}
