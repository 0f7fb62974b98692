using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Config;

/// <summary>
/// One object per entity at <c>config/{tenantId}/{type}/{id}</c> in the store named after the
/// tenant's region, so a regional outage takes down only that region's tenants. A write returns
/// only after the tenant's <see cref="ChangeStamps">change stamp</see> of the type moved, so what
/// silos keep of the type (hot paths, readiness listings) lets it go within the stamp's bound.
/// </summary>
public sealed class StoreTenantConfiguration(IObjectStoreProvider stores, ChangeStamps stamps) : ITenantConfiguration
{
    public async Task<EntityDocument?> GetAsync(TenantLocation tenant, string type, string id)
    {
        var stored = await Store(tenant).ReadAsync(Key(tenant, type, id));
        return stored is null ? null : new EntityDocument(type, id, Parse(stored.Data), stored.ETag);
    }

    public async Task<(IReadOnlyList<EntityVersion> Items, string? ContinuationToken)> ListAsync(
        TenantLocation tenant, string type, string? continuationToken, int pageSize)
    {
        var prefix = Prefix(tenant, type);
        // The store's token is passed through as it is: Blob Storage's markers are opaque, not keys.
        var page = await Store(tenant).ListAsync(prefix, continuationToken, pageSize);
        var items = page.Objects.Select(listed => new EntityVersion(Uri.UnescapeDataString(listed.Key[prefix.Length..]), listed.ETag)).ToList();
        return (items, page.ContinuationToken);
    }

    public async Task<EntityDocument> CreateAsync(TenantLocation tenant, string type, string id, JsonObject data)
    {
        try
        {
            var etag = await Store(tenant).CreateAsync(Key(tenant, type, id), Serialize(data));
            await ChangedAsync(tenant, type);
            return new EntityDocument(type, id, data, etag);
        }
        catch (StoreConflictException ex)
        {
            throw new ConfigConflictException($"{type}/{id} exists already.", ex);
        }
    }

    public bool CreatesInBatches(TenantLocation tenant) => Store(tenant) is IBatchObjectStore;

    public async Task<IReadOnlyList<EntityDocument?>> CreateManyAsync(
        TenantLocation tenant, string type, IReadOnlyList<(string Id, JsonObject Data)> entities, Func<ValueTask> beforeWrite)
    {
        var batch = Store(tenant) as IBatchObjectStore
            ?? throw new InvalidOperationException($"The store of region {tenant.Region} does not create in batches ({nameof(CreatesInBatches)}).");
        var objects = entities.Select(entity => (Key(tenant, type, entity.Id), (ReadOnlyMemory<byte>)Serialize(entity.Data))).ToList();
        // Asked last thing before the transaction, which makes every create of the batch at once: as before a single write.
        await beforeWrite();
        var etags = await batch.CreateManyAsync(objects);
        var created = entities.Select((entity, i) => etags[i] is { } etag ? new EntityDocument(type, entity.Id, entity.Data, etag) : null).ToList();

        // One bump for the batch, after its commit and before the caller hears of it, as for a single write.
        if (created.Any(document => document is not null))
        {
            await ChangedAsync(tenant, type);
        }

        return created;
    }

    public async Task<EntityDocument> ReplaceAsync(TenantLocation tenant, string type, string id, JsonObject data, string etag)
    {
        try
        {
            var newEtag = await Store(tenant).ReplaceAsync(Key(tenant, type, id), Serialize(data), etag);
            await ChangedAsync(tenant, type);
            return new EntityDocument(type, id, data, newEtag);
        }
        catch (StoreConflictException ex)
        {
            throw new ConfigConflictException($"{type}/{id} changed or is gone.", ex);
        }
    }

    public async Task DeleteAsync(TenantLocation tenant, string type, string id, string etag)
    {
        try
        {
            await Store(tenant).DeleteAsync(Key(tenant, type, id), etag);
            await ChangedAsync(tenant, type);
        }
        catch (StoreConflictException ex)
        {
            throw new ConfigConflictException($"{type}/{id} changed or is gone.", ex);
        }
    }

    private Task ChangedAsync(TenantLocation tenant, string type) => stamps.BumpAsync(tenant, type);

    private IObjectStore Store(TenantLocation tenant) => stores.Get(tenant.Region);

    private static string Prefix(TenantLocation tenant, string type) => $"config/{tenant.TenantId}/{type}/";

    private static string Key(TenantLocation tenant, string type, string id) => Prefix(tenant, type) + Uri.EscapeDataString(id);

    private static byte[] Serialize(JsonObject data) => StateSerializer.Serialize(data);

    private static JsonObject Parse(ReadOnlyMemory<byte> data) => StateSerializer.Deserialize<JsonObject>(data);
}
