namespace Orleans.Bcp.Tests.Access;

/// <summary>A user a test wrote through the services.</summary>
public sealed record SeededUser(string Id, string Username, string BcpType);
