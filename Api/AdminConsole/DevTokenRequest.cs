namespace Orleans.Bcp.Api.AdminConsole;

/// <summary>Body of <c>POST /dev/tokens</c>: who the token is for, and what it may do.</summary>
public sealed record DevTokenRequest(string? TenantId, string? UserId, IReadOnlyList<string?>? Permissions);
