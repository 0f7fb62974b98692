using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// What a finished sync must leave behind: every synced primary entity has exactly one complete
/// correlation, every correlation points at an existing BCP entity and no two share one, and the
/// BCP copy read back through the correlations equals the primary entity.
/// </summary>
public static class SyncMirror
{
    public static async Task AssertMirrorsAsync(ApiHost host, TestPair pair)
    {
        var grains = host.Services.GetRequiredService<IGrainFactory>();
        var primary = TenantData.PrimaryOf(host, pair);
        var bcp = TenantData.BcpOf(host, pair);
        var sets = new Dictionary<string, CorrelationSet>();
        foreach (var type in EntityTypes.InSyncOrder)
        {
            sets[type.Name] = await CorrelationSet.LoadAsync(grains, pair.PairId, type.Name);
        }

        var primaryIdOf = sets.Values.SelectMany(set => set.ByPrimaryId.Values).ToDictionary(c => c.BcpId, c => c.PrimaryId, StringComparer.Ordinal);
        foreach (var type in EntityTypes.InSyncOrder)
        {
            var correlations = sets[type.Name].ByPrimaryId.Values.ToList();
            var (primaryEntities, bcpEntities) = (primary.AllAsync(type.Name), bcp.AllAsync(type.Name));
            var expected = (await primaryEntities)
                .Where(entity => type.Name != EntityTypes.PointsOfContact || entity.Value["channel"]?.GetValue<string>() == "voice")
                .ToDictionary();
            var copies = await bcpEntities;

            Assert.IsTrue(correlations.All(c => c.IsComplete), $"{type.Name}: an incomplete correlation is left");
            CollectionAssert.AreEquivalent(expected.Keys.ToList(), correlations.Select(c => c.PrimaryId).ToList(), $"{type.Name}: correlations ≠ synced primary entities");
            CollectionAssert.AreEquivalent(copies.Keys.ToList(), correlations.Select(c => c.BcpId).ToList(), $"{type.Name}: BCP entities ≠ correlated ids (duplicate or orphan)");
            foreach (var correlation in correlations)
            {
                var readBack = ToPrimaryIds(copies[correlation.BcpId], primaryIdOf);
                Assert.IsTrue(JsonNode.DeepEquals(expected[correlation.PrimaryId], readBack),
                    $"{type.Name}/{correlation.PrimaryId}: {expected[correlation.PrimaryId].ToJsonString()} ≠ {readBack.ToJsonString()}");
            }
        }
    }

    /// <summary>The BCP copy with every BCP id (in references and script content) put back to its primary id.</summary>
    private static JsonObject ToPrimaryIds(JsonObject copy, Dictionary<string, string> primaryIdOf)
    {
        var data = copy.DeepClone().AsObject();
        foreach (var (name, value) in data.ToList())
        {
            data[name] = value switch
            {
                JsonValue text when text.TryGetValue<string>(out var s) => name == "content"
                    ? ScriptIds.Rewrite(s, token => primaryIdOf.GetValueOrDefault(token))
                    : primaryIdOf.GetValueOrDefault(s, s),
                JsonArray items => new JsonArray([.. items.Select(item =>
                    item is JsonValue v && v.TryGetValue<string>(out var s) ? JsonValue.Create(primaryIdOf.GetValueOrDefault(s, s)) : item?.DeepClone())]),
                _ => value?.DeepClone(),
            };
        }

        return data;
    }
}
