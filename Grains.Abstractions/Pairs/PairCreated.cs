namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>A new pair and its passkey, which is shown this once and never stored in clear.</summary>
/// <param name="Status">The new pair's status.</param>
/// <param name="Passkey">The passkey, grouped for typing.</param>
[GenerateSerializer, Immutable, Alias("bcp.PairCreated")]
public sealed record PairCreated(PairStatus Status, string Passkey);
