namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>A pair the harness created, with the passkey shown once at creation.</summary>
internal sealed record BenchPair(string PairId, string PrimaryTenantId, string BcpTenantId, string Passkey);
