namespace Orleans.Bcp.Demo;

/// <summary>A generated tenant before it is written (<see cref="ReferenceTenantGenerator.Plan"/>).</summary>
/// <param name="Documents">Every entity, grouped by type in sync order (references point at types before them, except script content).</param>
/// <param name="IdsByType">The drawn ids by type, in generation order (voice points of contact first).</param>
/// <param name="AdministratorUserId">User "Ichabod Crane", whose role is "Administrator - Sleepy Hollow".</param>
/// <param name="AdministratorRoleId">The role "Administrator - Sleepy Hollow".</param>
/// <param name="SampleUsername">The administrator's username.</param>
/// <param name="SampleVoiceAddress">The E.164 address of the first voice point of contact.</param>
public sealed record ReferenceTenantPlan(
    IReadOnlyList<ReferenceTenantDocument> Documents,
    IReadOnlyDictionary<string, IReadOnlyList<string>> IdsByType,
    string AdministratorUserId,
    string AdministratorRoleId,
    string SampleUsername,
    string SampleVoiceAddress);
