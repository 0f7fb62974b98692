using System.Text.Json.Nodes;
using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Grains.Config;

/// <summary>
/// Tenants' configuration entities, each in the store of its tenant's region. Writes are
/// conditional (<see cref="ConfigConflictException"/>); validation of client input is the caller's.
/// </summary>
public interface ITenantConfiguration
{
    Task<EntityDocument?> GetAsync(TenantLocation tenant, string type, string id);

    /// <summary>Ids and ETags of a type's entities in ordinal id order, one page at a time (the token is opaque: pass it back as it is).</summary>
    Task<(IReadOnlyList<EntityVersion> Items, string? ContinuationToken)> ListAsync(
        TenantLocation tenant, string type, string? continuationToken, int pageSize);

    /// <summary>Creates the entity under <paramref name="id"/>; conflict when it exists.</summary>
    Task<EntityDocument> CreateAsync(TenantLocation tenant, string type, string id, JsonObject data);

    /// <summary>
    /// Whether the tenant's store writes a batch in one transaction (SQLite), so <see cref="CreateManyAsync"/> may be
    /// called; otherwise a caller with many entities creates them one by one, in parallel.
    /// </summary>
    bool CreatesInBatches(TenantLocation tenant);

    /// <summary>
    /// Creates entities of one type in one store transaction (only where <see cref="CreatesInBatches"/>), each only if
    /// none exists under its id: all or none of those it creates take effect. <paramref name="beforeWrite"/> is asked
    /// right before the transaction; when it throws, nothing is written.
    /// </summary>
    /// <returns>Each entity as created, in order, or null where one exists under its id already (left as it is).</returns>
    Task<IReadOnlyList<EntityDocument?>> CreateManyAsync(
        TenantLocation tenant, string type, IReadOnlyList<(string Id, JsonObject Data)> entities, Func<ValueTask> beforeWrite);

    /// <summary>Replaces the entity if its ETag is <paramref name="etag"/>; conflict otherwise or when it is gone.</summary>
    Task<EntityDocument> ReplaceAsync(TenantLocation tenant, string type, string id, JsonObject data, string etag);

    /// <summary>Deletes the entity if its ETag is <paramref name="etag"/>; conflict otherwise or when it is gone.</summary>
    Task DeleteAsync(TenantLocation tenant, string type, string id, string etag);
}
