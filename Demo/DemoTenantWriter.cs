using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Grains.Sync;

namespace Orleans.Bcp.Demo;

/// <summary>
/// Writes a generated tenant through the configuration API, as an admin would: type by type in sync
/// order (references point at types already written), each entity under the id the server gives it,
/// references and ids inside script content remapped from the generator's drawn ids.
/// </summary>
public sealed class DemoTenantWriter(DemoApi api, string tenantId, string token)
{
    /// <summary>Enough concurrent creates to be quick, few enough for a laptop's server.</summary>
    private const int Parallelism = 8;

    /// <summary>Drawn id → the server's id.</summary>
    private readonly ConcurrentDictionary<string, string> _ids = new(StringComparer.Ordinal);

    /// <summary>Writes every document; returns the server's id of each drawn id.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(ReferenceTenantPlan plan, CancellationToken cancellationToken)
    {
        foreach (var type in EntityTypes.InSyncOrder)
        {
            var documents = plan.Documents.Where(document => document.Type == type.Name).ToList();
            if (type.Singleton)
            {
                foreach (var document in documents)
                {
                    await api.SendAsync(HttpMethod.Put, $"/tenants/{tenantId}/{type.Name}", token, document.Data.DeepClone(), HttpStatusCode.Created, cancellationToken);
                    _ids[document.Id] = document.Id;
                }

                continue;
            }

            await Parallel.ForEachAsync(documents, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (document, ct) =>
            {
                var created = await api.SendAsync(HttpMethod.Post, $"/tenants/{tenantId}/{type.Name}", token, Remap(type, document.Data), HttpStatusCode.Created, ct);
                _ids[document.Id] = created["id"]!.GetValue<string>();
            });
        }

        // Scripts were written before the users and points of contact they name: now every id is known.
        await Parallel.ForEachAsync(plan.Documents.Where(document => document.Type == EntityTypes.Scripts),
            new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, async (script, ct) =>
                await api.SendAsync(HttpMethod.Put, $"/tenants/{tenantId}/{EntityTypes.Scripts}/{_ids[script.Id]}", token,
                    Remap(EntityTypes.Find(EntityTypes.Scripts)!, script.Data), HttpStatusCode.OK, ct));
        return _ids;
    }

    /// <summary>A copy of the fields with every reference, and every id quoted in a script, replaced by the server's id.</summary>
    private JsonObject Remap(EntityTypeInfo type, JsonObject data)
    {
        var copy = data.DeepClone().AsObject();
        foreach (var reference in type.References)
        {
            copy[reference.Field] = copy[reference.Field] switch
            {
                JsonArray ids => new JsonArray([.. ids.Select(id => (JsonNode)ServerId(id!.GetValue<string>()))]),
                JsonValue id => ServerId(id.GetValue<string>()),
                var other => other?.DeepClone(),
            };
        }

        if (type.Name == EntityTypes.Scripts && copy["content"] is JsonValue content)
        {
            copy["content"] = ScriptIds.Rewrite(content.GetValue<string>(), token => _ids.GetValueOrDefault(token));
        }

        return copy;
    }

    private string ServerId(string drawnId) =>
        _ids.TryGetValue(drawnId, out var id) ? id : throw new InvalidOperationException($"{drawnId} is referenced before it was written.");
}
