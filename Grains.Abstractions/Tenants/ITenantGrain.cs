
namespace Orleans.Bcp.Grains.Abstractions.Tenants;

/// <summary>A tenant's identity (name, region) and its membership of a pair. Key: tenant id.</summary>
[Alias("bcp.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant; false when a tenant with this id exists already.</summary>
    [Alias("CreateAsync")]
    Task<bool> CreateAsync(string name, string region);

    /// <summary>The tenant, or null when it does not exist.</summary>
    [Alias("GetAsync")]
    Task<TenantInfo?> GetAsync();

    /// <summary>
    /// Claims the tenant for a pair being set up. A claim left by a pair whose setup never
    /// completed is taken over once it is older than the setup timeout.
    /// </summary>
    [Alias("ClaimAsync")]
    Task<ClaimOutcome> ClaimAsync(string pairId, PairRole role);

    /// <summary>Gives up a claim made by <paramref name="pairId"/> (setup of that pair failed).</summary>
    [Alias("ReleaseClaimAsync")]
    Task ReleaseClaimAsync(string pairId);
}
