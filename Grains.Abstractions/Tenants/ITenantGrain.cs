using Orleans.Bcp.Grains.Abstractions.Runtime;

namespace Orleans.Bcp.Grains.Abstractions.Tenants;

/// <summary>A tenant's identity (name, region) and its membership of a pair. Key: tenant id.</summary>
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; false when a tenant with this id exists already.</summary>
    Task<bool> CreateAsync(string name, string region);

    /// <summary>The tenant, or null when it does not exist.</summary>
    Task<TenantInfo?> GetAsync();

    /// <summary>
    /// Claims the tenant for a pair being set up. A claim left by a pair whose setup never
    /// completed is taken over once it is older than the setup timeout.
    /// </summary>
    Task<ClaimOutcome> ClaimAsync(string pairId, PairRole role);

    /// <summary>Gives up a claim made by <paramref name="pairId"/> (setup of that pair failed).</summary>
    Task ReleaseClaimAsync(string pairId);
}
