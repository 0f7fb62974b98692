using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;

namespace Orleans.Bcp.Silo.Readiness;

/// <summary>
/// <c>scripts</c>: BCP copies of synced scripts that still quote primary ids (the script checklist's items not
/// done, docs/api.md) → warn. An id is known as a primary id from the primary's listing, and from the correlations
/// while the primary cannot be read.
/// </summary>
public static class ScriptsCheck
{
    public static ReadinessCheck Build(ReadinessInputs inputs)
    {
        const string Id = ReadinessCheckIds.Scripts;
        if (inputs.BcpScripts.Value is not { } copies || inputs.Correlations.Value is not { } correlations)
        {
            return ReadinessCheck.Of(Id, ReadinessStatus.Warn, $"{inputs.BcpScripts.Failure ?? inputs.Correlations.Failure}: could not check the BCP copies of scripts.", []);
        }

        // Asked per token of a copy (a few per script), so the type dictionaries are asked rather than merged into one set.
        var types = EntityTypes.InSyncOrder.Where(type => !type.Singleton).Select(type => type.Name).ToList();
        bool IsPrimaryId(string token) => types.Any(type => correlations[type].ContainsKey(token) || inputs.Primary.Value?[type].ContainsKey(token) == true);

        var items = new List<ReadinessItem>();
        var synced = correlations[EntityTypes.Scripts].Values.Where(c => c.IsComplete).OrderBy(c => c.PrimaryId, StringComparer.Ordinal);
        foreach (var correlation in synced)
        {
            if (copies.Facts.GetValueOrDefault(correlation.BcpId) is not { Content: { } content } copy)
            {
                continue;
            }

            var quoted = ScriptIds.Find(content, IsPrimaryId);
            if (quoted.Count > 0)
            {
                items.Add(new ReadinessItem(EntityTypes.Scripts, correlation.PrimaryId, correlation.BcpId, copy.Name, "content",
                    $"quotes {quoted.Count} primary {(quoted.Count == 1 ? "id" : "ids")}: {string.Join(", ", quoted.Take(10))}"));
            }
        }

        var partial = copies.Complete ? "" : " (some copies could not be read in time)";
        return items.Count == 0
            ? ReadinessCheck.Of(Id, ReadinessStatus.Pass, $"No BCP copy of a synced script quotes a primary id{partial}.", [])
            : ReadinessCheck.Of(Id, ReadinessStatus.Warn,
                $"{items.Count} BCP {(items.Count == 1 ? "copy of a script still quotes" : "copies of scripts still quote")} primary ids: see the script checklist, or turn on rewriteScriptIds{partial}.", items);
    }

    /// <summary>What <see cref="Build"/> reads (see <see cref="KeptChecks"/>).</summary>
    public static object?[] InputsOf(ReadinessInputs inputs) =>
        [inputs.BcpScripts.Value, inputs.BcpScripts.Failure, inputs.Correlations.Failure, .. ReadinessInputs.PerType(inputs)];
}
