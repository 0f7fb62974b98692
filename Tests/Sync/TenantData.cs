using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Sync;

/// <summary>A tenant's configuration as the sync engine sees it, in the store of the tenant's region.</summary>
public sealed class TenantData(ApiHost host, string tenantId, string region)
{
    /// <summary>Reads in flight at once when reading a whole type.</summary>
    private const int ParallelReads = 16;

    private ITenantConfiguration Configuration => host.Services.GetRequiredService<ITenantConfiguration>();

    private TenantLocation Location => new(tenantId, region);

    public static TenantData PrimaryOf(ApiHost host, TestPair pair) => new(host, pair.PrimaryTenantId, "us-east");

    public static TenantData BcpOf(ApiHost host, TestPair pair) => new(host, pair.BcpTenantId, "eu-west");

    public async Task<string> AddAsync(string type, object fields, string? id = null)
    {
        id ??= Guid.NewGuid().ToString("N");
        await Configuration.CreateAsync(Location, type, id, ToJson(fields));
        return id;
    }

    public async Task UpdateAsync(string type, string id, Action<JsonObject> change)
    {
        var current = await Configuration.GetAsync(Location, type, id) ?? throw new InvalidOperationException($"{type}/{id} does not exist.");
        var data = current.Data.DeepClone().AsObject();
        change(data);
        await Configuration.ReplaceAsync(Location, type, id, data, current.ETag);
    }

    public async Task DeleteAsync(string type, string id)
    {
        var current = await Configuration.GetAsync(Location, type, id) ?? throw new InvalidOperationException($"{type}/{id} does not exist.");
        await Configuration.DeleteAsync(Location, type, id, current.ETag);
    }

    public async Task<JsonObject?> GetAsync(string type, string id) => (await Configuration.GetAsync(Location, type, id))?.Data;

    /// <summary>The references of <paramref name="data"/> that name no entity of this tenant (the API's check, <see cref="ReferenceCheck"/>).</summary>
    public Task<IReadOnlyList<MissingReference>> MissingReferencesAsync(EntityTypeInfo type, JsonObject data) =>
        ReferenceCheck.FindMissingAsync(Configuration, Location, type, data);

    /// <summary>How many entities of a type exist (listing only, no reads).</summary>
    public async Task<int> CountAsync(string type)
    {
        var count = 0;
        string? continuation = null;
        do
        {
            var (items, next) = await Configuration.ListAsync(Location, type, continuation, 1000);
            count += items.Count;
            continuation = next;
        }
        while (continuation is not null);
        return count;
    }

    /// <summary>
    /// Every entity of a type by id. A page's documents are read side by side: one at a time, comparing a synced tenant of
    /// thousands of users waited a minute on Azurite.
    /// </summary>
    public async Task<Dictionary<string, JsonObject>> AllAsync(string type)
    {
        var all = new ConcurrentDictionary<string, JsonObject>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var (items, next) = await Configuration.ListAsync(Location, type, continuation, 500);
            await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = ParallelReads }, async (item, _) =>
            {
                if (await Configuration.GetAsync(Location, type, item.Id) is { } document)
                {
                    all[item.Id] = document.Data;
                }
            });
            continuation = next;
        }
        while (continuation is not null);
        return new Dictionary<string, JsonObject>(all, StringComparer.Ordinal);
    }

    private static JsonObject ToJson(object fields) => fields as JsonObject ?? JsonSerializer.SerializeToNode(fields, BcpClient.Json)!.AsObject();
}
