using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// Dialled numbers of voice points of contact, unique across the platform (a number rings in one
/// tenant). Only points of contact written through the configuration API claim their number; the
/// BCP copies written by the sync share the primary's number and reach it through correlations.
/// </summary>
public interface IVoiceAddressIndex
{
    /// <summary>The claim on an E.164 number, or null. It may be pending or stale: confirm it by reading the point of contact.</summary>
    Task<VoiceAddressClaim?> FindAsync(string address);
}
