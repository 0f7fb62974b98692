using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>
/// What a finished sync must leave behind: every synced primary entity has exactly one complete
/// correlation, every correlation points at an existing BCP entity and no two share one, and the
/// BCP copy read back through the correlations equals the primary entity. The sync writes to the
/// store, not through the API, so each copy is also held to the API's rules: it validates clean
/// (<see cref="EntityValidator"/>) and every reference names an entity of the BCP tenant.
/// </summary>
public static class SyncMirror
{
    /// <summary>Copies whose references are checked at once.</summary>
    private const int ParallelChecks = 16;

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
            var missing = await MissingReferencesAsync(bcp, type, copies);
            foreach (var correlation in correlations)
            {
                AssertPassesTheEntityRules(type, correlation.BcpId, copies[correlation.BcpId], missing[correlation.BcpId]);
                var readBack = ToPrimaryIds(copies[correlation.BcpId], primaryIdOf);
                Assert.IsTrue(JsonNode.DeepEquals(expected[correlation.PrimaryId], readBack),
                    $"{type.Name}/{correlation.PrimaryId}: {expected[correlation.PrimaryId].ToJsonString()} ≠ {readBack.ToJsonString()}");
            }
        }
    }

    /// <summary>
    /// Each copy's references that name no BCP entity, the copies checked side by side: one at a time, the check of 3,000
    /// users on Azurite (two reads each) took most of the comparison's 25 to 48 s.
    /// </summary>
    private static async Task<ConcurrentDictionary<string, IReadOnlyList<MissingReference>>> MissingReferencesAsync(
        TenantData bcp, EntityTypeInfo type, Dictionary<string, JsonObject> copies)
    {
        var missing = new ConcurrentDictionary<string, IReadOnlyList<MissingReference>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(copies, new ParallelOptions { MaxDegreeOfParallelism = ParallelChecks }, async (copy, _) =>
            missing[copy.Key] = await bcp.MissingReferencesAsync(type, copy.Value));
        return missing;
    }

    private static void AssertPassesTheEntityRules(EntityTypeInfo type, string id, JsonObject copy, IReadOnlyList<MissingReference> missing)
    {
        var errors = new FieldErrors();
        EntityValidator.Validate(type, copy, id, errors);
        Assert.IsFalse(errors.Any, $"{type.Name}/{id} in the BCP tenant breaks the entity rules: {errors}");
        Assert.IsEmpty(missing, $"{type.Name}/{id} in the BCP tenant names missing entities: {string.Join(", ", missing)}");
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
