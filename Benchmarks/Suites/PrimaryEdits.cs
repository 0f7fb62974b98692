using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Demo;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Edits a share of the primary tenant's synced entities, spread over every type, as admins would
/// (a renamed skill, a user's new last name, a changed wrap-up time). Only entities the sync copies
/// are chosen — voice points of contact, not email/chat/SMS ones — so each edit must cause exactly
/// one write to the BCP tenant.
/// </summary>
internal static class PrimaryEdits
{
    private const int Parallelism = 16;

    /// <summary>Edits about <paramref name="fraction"/> of each type (at least one entity of each) and returns how many were edited.</summary>
    public static async Task<int> ApplyAsync(
        ITenantConfiguration configuration, TenantLocation tenant, ReferenceTenantSummary summary, double fraction, CancellationToken cancellationToken)
    {
        var chosen = new List<(string Type, string Id)>();
        foreach (var type in EntityTypes.InSyncOrder)
        {
            var ids = type.Name == EntityTypes.PointsOfContact ? summary.VoicePointOfContactIds : summary.IdsByType[type.Name];
            var count = Math.Max(1, (int)Math.Round(ids.Count * fraction));
            // Evenly spaced, so the edits fall into every correlation bucket rather than a few.
            chosen.AddRange(Enumerable.Range(0, count).Select(i => (type.Name, ids[(int)((long)i * ids.Count / count)])));
        }

        await Parallel.ForEachAsync(
            chosen,
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken },
            async (entity, _) =>
            {
                var document = await configuration.GetAsync(tenant, entity.Type, entity.Id)
                    ?? throw new InvalidOperationException($"{entity.Type}/{entity.Id} of the reference tenant is missing.");
                await configuration.ReplaceAsync(tenant, entity.Type, entity.Id, Edit(entity.Type, document.Data), document.ETag);
            });
        return chosen.Count;
    }

    private static JsonObject Edit(string type, JsonObject data)
    {
        var edited = data.DeepClone().AsObject();
        switch (type)
        {
            case EntityTypes.Users:
                edited["lastName"] = edited["lastName"]!.GetValue<string>() + "-Hale";
                break;
            case EntityTypes.AgentSettings:
                edited["wrapUpSeconds"] = edited["wrapUpSeconds"]!.GetValue<int>() + 15;
                break;
            default:
                edited["name"] = edited["name"]!.GetValue<string>() + " (edited)";
                break;
        }

        return edited;
    }
}
