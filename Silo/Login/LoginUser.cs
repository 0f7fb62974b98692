using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Login;

/// <summary>A username resolved to its user: the tenant that holds it, the user's id and BCP type.</summary>
public sealed record LoginUser(string Username, TenantLocation Tenant, string UserId, string BcpType);
