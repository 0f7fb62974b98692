using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>The most recent effective switch.</summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="ToSide">The side made active.</param>
/// <param name="Epoch">The epoch it produced.</param>
[GenerateSerializer, Immutable, Alias("bcp.LastSwitch")]
public sealed record LastSwitch(DateTimeOffset At, Actor By, PairRole ToSide, long Epoch);
