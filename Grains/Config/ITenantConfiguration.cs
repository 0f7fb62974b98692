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

    /// <summary>Replaces the entity if its ETag is <paramref name="etag"/>; conflict otherwise or when it is gone.</summary>
    Task<EntityDocument> ReplaceAsync(TenantLocation tenant, string type, string id, JsonObject data, string etag);

    /// <summary>Deletes the entity if its ETag is <paramref name="etag"/>; conflict otherwise or when it is gone.</summary>
    Task DeleteAsync(TenantLocation tenant, string type, string id, string etag);
}
