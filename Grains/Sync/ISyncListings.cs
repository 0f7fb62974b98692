using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>A sync run's listings: every entity of a type in a tenant, id → ETag, as of the call.</summary>
public interface ISyncListings
{
    /// <summary>
    /// The tenant's listing of <paramref name="type"/> as of now: read from the store, or a listing kept from before
    /// when the type's change stamp in the store has not moved since it was read (no entity of the type was written
    /// since). Read-only: it may be shared.
    /// </summary>
    Task<IReadOnlyDictionary<string, string>> ListVersionsAsync(TenantLocation tenant, string type);
}
