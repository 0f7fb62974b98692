namespace Orleans.Bcp.Tests.Resilience;

/// <summary>What one case got: the answer (status 0 for none), an error if the exchange failed, and whether the store was written while it was in flight.</summary>
public sealed record FuzzOutcome(FuzzCase Case, RawResponse Response, string? Error, bool StoreWrittenMeanwhile);
