using System.Text.Json.Serialization;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>
/// The most recent effective switch, and when it took effect on every node (docs/api.md, "Effective everywhere"): each
/// node acknowledges the pushed status; a node silent for 1 s is named. The effect fields are absent when the
/// pair has no record of it (a switch made before this was measured, or whose record was lost with its node).
/// </summary>
/// <param name="At">When it happened.</param>
/// <param name="By">Who did it.</param>
/// <param name="ToSide">The side made active.</param>
/// <param name="Epoch">The epoch it produced.</param>
public sealed record LastSwitchDocument(DateTimeOffset At, Actor By, PairRole ToSide, long Epoch)
{
    /// <summary>The username of <c>by</c> when they are a user of either tenant and it was read in time; the console shows it, the id as its title.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ByUsername { get; init; }

    /// <summary>The account name of the tenant <c>by</c> was logged in to, when it is either tenant of the pair.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ByAccountName { get; init; }

    /// <summary>When the last node served the new side; null while nodes are still counted, and for good if one did not acknowledge within 1 s.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public DateTimeOffset? EffectiveEverywhereAt { get; init; }

    /// <summary>Milliseconds from the switch's commit to effectiveEverywhereAt.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public double? EffectiveAfterMs { get; init; }

    /// <summary>How many of nodesExpected serve the new side (acknowledged, or kept no copy of the pair).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int? NodesAcknowledged { get; init; }

    /// <summary>The nodes (silos) active in the cluster when the switch was committed.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public int? NodesExpected { get; init; }

    /// <summary>The nodes that had not acknowledged within 1 s of the commit (empty until then, and when all did).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public IReadOnlyList<string>? UnacknowledgedNodes { get; init; }

    public static LastSwitchDocument? From(LastSwitch? last, SwitchEffect? effect) => last is null ? null
        : effect is null || effect.Epoch != last.Epoch ? new(last.At, last.By, last.ToSide, last.Epoch)
        : new(last.At, last.By, last.ToSide, last.Epoch)
        {
            EffectiveEverywhereAt = effect.EffectiveEverywhereAt,
            EffectiveAfterMs = effect.EffectiveAfterMs,
            NodesAcknowledged = effect.NodesAcknowledged,
            NodesExpected = effect.NodesExpected,
            UnacknowledgedNodes = effect.UnacknowledgedNodes,
        };
}
