using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Login;

/// <summary>A tenant the user may log in to.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="AccountName">Its account name, shown to the user.</param>
/// <param name="Region">Its region.</param>
/// <param name="Side">Its side in the pair; null when the tenant is in no pair.</param>
/// <param name="Active">Whether it is the active side now (always true outside a pair).</param>
[GenerateSerializer, Immutable, Alias("bcp.LoginTenant")]
public sealed record LoginTenant(string TenantId, string AccountName, string Region, PairRole? Side, bool Active);
