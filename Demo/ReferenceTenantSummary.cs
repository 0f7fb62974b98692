using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Demo;

/// <summary>What <see cref="ReferenceTenantGenerator"/> wrote: every id by type, and a few ids that tours and benchmarks want at hand.</summary>
/// <param name="Tenant">The tenant written to.</param>
/// <param name="IdsByType">Every entity id, by type (URL segment), in generation order.</param>
/// <param name="VoicePointOfContactIds">The voice points of contact (the ones that sync).</param>
/// <param name="OtherPointOfContactIds">The email, chat and SMS points of contact (left out by the sync).</param>
/// <param name="AdministratorUserId">User "Ichabod Crane", whose role is "Administrator - Sleepy Hollow" (the spec's example).</param>
/// <param name="AdministratorRoleId">The role "Administrator - Sleepy Hollow".</param>
/// <param name="SampleUsername">The administrator's username.</param>
/// <param name="SampleVoiceAddress">The E.164 address of the first voice point of contact.</param>
public sealed record ReferenceTenantSummary(
    TenantLocation Tenant,
    IReadOnlyDictionary<string, IReadOnlyList<string>> IdsByType,
    IReadOnlyList<string> VoicePointOfContactIds,
    IReadOnlyList<string> OtherPointOfContactIds,
    string AdministratorUserId,
    string AdministratorRoleId,
    string SampleUsername,
    string SampleVoiceAddress)
{
    /// <summary>How many entities of each type were written.</summary>
    public IReadOnlyDictionary<string, int> Counts => IdsByType.ToDictionary(entry => entry.Key, entry => entry.Value.Count);

    /// <summary>All entities written.</summary>
    public int Total => IdsByType.Values.Sum(ids => ids.Count);
}
