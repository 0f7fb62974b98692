using System.Collections.Immutable;
using Orleans.Bcp.Grains.Abstractions.Drills;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>How a step's parts become a <see cref="DrillStep"/>.</summary>
internal static class DrillSteps
{
    public static DrillStep Of(string id, bool passed, string summary, IReadOnlyDictionary<string, int>? counts = null, IEnumerable<DrillItem>? items = null) =>
        new(id, passed ? DrillStatus.Passed : DrillStatus.Failed, summary, 0,
            counts?.ToImmutableDictionary() ?? ImmutableDictionary<string, int>.Empty, [.. (items ?? []).Take(DrillStep.MaxItems)]);

    /// <summary>Counts of each of <paramref name="names"/> (zero included, so the answer always has the same keys).</summary>
    public static Dictionary<string, int> Count(IEnumerable<string> outcomes, params string[] names)
    {
        var counts = names.ToDictionary(name => name, _ => 0, StringComparer.Ordinal);
        foreach (var outcome in outcomes)
        {
            counts[outcome] = counts.GetValueOrDefault(outcome) + 1;
        }

        return counts;
    }
}
