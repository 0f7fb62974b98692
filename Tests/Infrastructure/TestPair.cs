namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>A pair set up through the API for a test, with its one-time passkey.</summary>
public sealed record TestPair(string PairId, string PrimaryTenantId, string BcpTenantId, string Passkey);
