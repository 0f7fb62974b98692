namespace Orleans.Bcp.Api.Pairs;

/// <summary>Body of <c>POST /tenant-pairs</c>: two unpaired tenants in different regions.</summary>
/// <param name="PrimaryTenantId">The tenant users work in normally.</param>
/// <param name="BcpTenantId">The tenant they work in during a continuity event.</param>
public sealed record CreatePairRequest(string? PrimaryTenantId, string? BcpTenantId);
