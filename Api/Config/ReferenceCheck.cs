using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Api.Config;

/// <summary>
/// Every reference must name an entity of its type in the same tenant: the sync remaps references
/// through correlations, and an id of another tenant (or none) could never be remapped.
/// </summary>
internal static class ReferenceCheck
{
    private const int Parallelism = 16;

    /// <summary>A 422 naming every missing reference, or null when all exist. The shapes were checked before.</summary>
    public static async Task<ProblemHttpResult?> FindMissingAsync(
        ITenantConfiguration configuration, TenantLocation tenant, EntityTypeInfo type, JsonObject data)
    {
        var references = Collect(type, data).ToList();
        var targets = references.Select(reference => (reference.Type, reference.Id)).Distinct().ToList();
        var exists = new ConcurrentDictionary<(string Type, string Id), bool>();
        await Parallel.ForEachAsync(targets, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (target, _) =>
            // A malformed id cannot name anything; it is not even looked up.
            exists[target] = Ids.IsWellFormed(target.Id) && await configuration.GetAsync(tenant, target.Type, target.Id) is not null);

        var missing = references.Where(reference => !exists[(reference.Type, reference.Id)]).ToList();
        return missing.Count == 0 ? null : ConfigProblems.ReferencesNotFound(missing);
    }

    private static IEnumerable<MissingReference> Collect(EntityTypeInfo type, JsonObject data)
    {
        foreach (var reference in type.References)
        {
            switch (data[reference.Field])
            {
                case JsonArray ids:
                    for (var i = 0; i < ids.Count; i++)
                    {
                        yield return new MissingReference($"{reference.Field}[{i}]", reference.TargetType, Fields.String(ids[i])!);
                    }

                    break;
                case { } node:
                    yield return new MissingReference(reference.Field, reference.TargetType, Fields.String(node)!);
                    break;
            }
        }
    }
}
