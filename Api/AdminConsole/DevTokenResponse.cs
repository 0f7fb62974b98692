namespace Orleans.Bcp.Api.AdminConsole;

/// <summary>A bearer token signed with the Development key, and when it expires.</summary>
public sealed record DevTokenResponse(string Token, DateTimeOffset ExpiresAt);
