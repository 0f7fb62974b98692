namespace Orleans.Bcp.Api.Pairs;

public sealed record CreatePairRequest(string? PrimaryTenantId, string? BcpTenantId);
