namespace Orleans.Bcp.Api.Pairs;

/// <summary>A new passkey, shown once.</summary>
public sealed record PasskeyResponse(string PairId, string Passkey);
