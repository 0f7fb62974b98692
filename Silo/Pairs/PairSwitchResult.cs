using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Silo.Pairs;

/// <summary>What a switch did (<see cref="PairSwitcher"/>).</summary>
/// <param name="Result">The pair grain's answer.</param>
/// <param name="NotReadyChecks">The readiness checks failing when the switch was made, if the report was not-ready; else null.</param>
/// <param name="OverwritesBcpChanges">On a return to the primary, how many BCP changes the first sync overwrites or deletes, if known in time; else null.</param>
public sealed record PairSwitchResult(SwitchResult Result, IReadOnlyList<string>? NotReadyChecks, int? OverwritesBcpChanges = null);
