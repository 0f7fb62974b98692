namespace Orleans.Bcp.Api.Access;

/// <summary>A user's BCP type after it was set.</summary>
internal sealed record BcpTypeResponse(string UserId, string Username, string BcpType);
