namespace Orleans.Bcp.Api.Tenants;

/// <summary>Body of <c>POST /tenants</c>.</summary>
/// <param name="Name">The account name: 1 to 200 printable characters.</param>
/// <param name="Region">Where the tenant's configuration lives, e.g. us-east (lower-case letters, digits and dashes).</param>
public sealed record CreateTenantRequest(string? Name, string? Region);
