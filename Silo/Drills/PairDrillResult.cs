using Orleans.Bcp.Grains.Abstractions.Drills;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>What a drill request did (<see cref="PairDriller"/>): a kept drill, or the refusal of a caller locked out of switching.</summary>
/// <param name="Report">The drill, kept; null when refused.</param>
/// <param name="Refusal">The pair grain's refusal (locked out, or the pair is gone); null when the drill ran.</param>
public sealed record PairDrillResult(DrillReport? Report, SwitchResult? Refusal);
