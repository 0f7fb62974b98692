namespace Orleans.Bcp.Grains.Pairs;

/// <summary>A stored passkey hash; the iteration count is kept so it can be raised later.</summary>
public sealed record PasskeyHash(string Salt, string Hash, int Iterations);
