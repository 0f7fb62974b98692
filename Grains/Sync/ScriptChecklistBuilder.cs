using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// For each (docs/api.md) primary script, the primary ids its content holds as whole tokens, the BCP
/// id to use for each, and whether the BCP copy already has it replaced.
/// </summary>
public sealed class ScriptChecklistBuilder(ITenantConfiguration configuration, IGrainFactory grains)
{
    private const int PageSize = 1000;

    public async Task<IReadOnlyList<ScriptChecklistItem>> BuildAsync(string pairId, TenantLocation primary, TenantLocation bcp)
    {
        var types = EntityTypes.InSyncOrder.Where(type => !type.Singleton).ToList();
        var sets = (await Task.WhenAll(types.Select(type => CorrelationSet.LoadAsync(grains, pairId, type.Name))))
            .Zip(types, (set, type) => (set, type.Name))
            .ToDictionary(pair => pair.Name, pair => pair.set);

        // Which primary id belongs to which type: a token counts only if it is a primary entity id.
        var typeOfId = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var id in await ListIdsAsync(primary, type.Name))
            {
                typeOfId[id] = type.Name;
            }
        }

        var scripts = sets[EntityTypes.Scripts];
        var items = new List<ScriptChecklistItem>();
        foreach (var scriptId in typeOfId.Where(pair => pair.Value == EntityTypes.Scripts).Select(pair => pair.Key).Order(StringComparer.Ordinal))
        {
            if (await configuration.GetAsync(primary, EntityTypes.Scripts, scriptId) is not { } script)
            {
                continue;
            }

            var bcpScriptId = scripts.BcpIdOf(scriptId);
            var copy = bcpScriptId is null ? null : await configuration.GetAsync(bcp, EntityTypes.Scripts, bcpScriptId);
            var copyTokens = Content(copy?.Data) is { } copyContent
                ? new HashSet<string>(ScriptIds.Find(copyContent, _ => true), StringComparer.Ordinal)
                : [];
            var ids = ScriptIds.Find(Content(script.Data) ?? "", typeOfId.ContainsKey)
                .Select(id =>
                {
                    var type = typeOfId[id];
                    var bcpId = sets[type].BcpIdOf(id);
                    var replaced = bcpId is not null && copyTokens.Contains(bcpId) && !copyTokens.Contains(id);
                    return new ScriptIdReference(id, type, bcpId, replaced);
                })
                .ToImmutableList();
            items.Add(new ScriptChecklistItem(scriptId, bcpScriptId, script.Data["name"]?.GetValue<string>(), ids));
        }

        return items;
    }

    private static string? Content(JsonObject? data) =>
        data?["content"] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private async Task<List<string>> ListIdsAsync(TenantLocation tenant, string type)
    {
        var ids = new List<string>();
        string? continuation = null;
        do
        {
            var (items, next) = await configuration.ListAsync(tenant, type, continuation, PageSize);
            ids.AddRange(items.Select(item => item.Id));
            continuation = next;
        }
        while (continuation is not null);
        return ids;
    }
}
