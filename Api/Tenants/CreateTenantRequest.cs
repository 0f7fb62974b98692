namespace Orleans.Bcp.Api.Tenants;

public sealed record CreateTenantRequest(string? Name, string? Region);
