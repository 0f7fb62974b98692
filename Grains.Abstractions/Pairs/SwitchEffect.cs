using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Pairs;

/// <summary>
/// When an effective switch took effect on every node: each silo that keeps the pair's state acknowledges the
/// pushed status once it serves it; a silo that keeps none reads the pair on its next request, so it serves the
/// new side from the commit. Settled when the last node acknowledges, or <see cref="Deadline"/> after the commit.
/// </summary>
/// <param name="Epoch">The switch's epoch.</param>
/// <param name="NodesExpected">The silos active in the cluster at the commit.</param>
/// <param name="NodesAcknowledged">Of those, how many serve the new side (acknowledged, or kept no copy).</param>
/// <param name="EffectiveEverywhereAt">When the last node acknowledged; null until then, and for good if one did not within the deadline.</param>
/// <param name="EffectiveAfterMs">Milliseconds from the commit to <paramref name="EffectiveEverywhereAt"/>.</param>
/// <param name="UnacknowledgedNodes">The nodes that had not acknowledged by the deadline (empty before it).</param>
[GenerateSerializer, Immutable, Alias("bcp.SwitchEffect")]
public sealed record SwitchEffect(
    long Epoch,
    int NodesExpected,
    int NodesAcknowledged,
    DateTimeOffset? EffectiveEverywhereAt,
    double? EffectiveAfterMs,
    ImmutableList<string> UnacknowledgedNodes)
{
    /// <summary>How long the pair waits for the nodes' acknowledgements; a node silent that long is named.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(1);

    /// <summary>Whether the record is settled: every node acknowledged, or the deadline passed (then it names who did not).</summary>
    public bool Settled => EffectiveEverywhereAt is not null || !UnacknowledgedNodes.IsEmpty;
}
