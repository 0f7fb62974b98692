using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Abstractions.Approvals;

/// <summary>The answer to an approval or a decline.</summary>
/// <param name="Outcome">How it ended.</param>
/// <param name="Request">The request as it stands now (null when not found).</param>
/// <param name="Switch">On an approval that was done: the switch's result.</param>
[GenerateSerializer, Immutable, Alias("bcp.SwitchDecision")]
public sealed record SwitchDecision(SwitchDecisionOutcome Outcome, PairSwitchRequest? Request, SwitchResult? Switch = null);
