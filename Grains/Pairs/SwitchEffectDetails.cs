using System.Globalization;
using Orleans.Bcp.Grains.Abstractions.Pairs;

namespace Orleans.Bcp.Grains.Pairs;

/// <summary>A settled <see cref="SwitchEffect"/> as audit details of its switch (text; the API answers the numbers as numbers).</summary>
internal static class SwitchEffectDetails
{
    public static IEnumerable<KeyValuePair<string, string>> Of(SwitchEffect effect)
    {
        yield return new("nodesExpected", effect.NodesExpected.ToString(CultureInfo.InvariantCulture));
        yield return new("nodesAcknowledged", effect.NodesAcknowledged.ToString(CultureInfo.InvariantCulture));
        if (effect.EffectiveEverywhereAt is { } at)
        {
            yield return new("effectiveEverywhereAt", at.ToString("O", CultureInfo.InvariantCulture));
            yield return new("effectiveAfterMs", effect.EffectiveAfterMs!.Value.ToString("0.0", CultureInfo.InvariantCulture));
        }

        if (!effect.UnacknowledgedNodes.IsEmpty)
        {
            yield return new("unacknowledgedNodes", string.Join(", ", effect.UnacknowledgedNodes));
        }
    }
}
