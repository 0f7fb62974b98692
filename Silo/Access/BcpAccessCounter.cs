using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Access;

/// <summary>
/// Counts a tenant's users by BCP type, keeping each count on this silo for <see cref="MaxAge"/>.
/// </summary>
/// <remarks>
/// The type is inside each user's document and a listing gives ids and ETags only, so a count reads
/// every user: 10,000 users are 10,000 reads — well under a second on SQLite, several seconds on
/// Blob Storage even 16 at a time. The counts are an overview for the admin UI (how many seats have
/// BCP access), not an input to a decision, so a few seconds of staleness is fine: each silo keeps a
/// count for <see cref="MaxAge"/>, callers that ask meanwhile share it (also while it is still being
/// counted, so a burst of requests costs one count), and this silo's own BCP type writes drop it at
/// once. A counter document updated by every writer was rejected: users are written by the
/// configuration API, the bulk upload and the sync, and one write path that forgot it would leave
/// the counts wrong for good, where a recount cannot drift.
/// </remarks>
public sealed class BcpAccessCounter(ITenantConfiguration configuration, TimeProvider timeProvider)
{
    /// <summary>How old a count may be when it is answered (counted from when counting started).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private const int PageSize = 1000;
    private const int ReadParallelism = 16;

    /// <summary>Counts by tenant id, each shared (and handed out) for <see cref="MaxAge"/> from when it started; a failed one is not kept.</summary>
    private readonly SharedCalls<string, BcpAccessCounts> _counts = new(timeProvider, MaxAge, keepFor: MaxAge, StringComparer.Ordinal);

    public Task<BcpAccessCounts> CountAsync(TenantLocation tenant) => _counts.RunAsync(tenant.TenantId, _ => CountNowAsync(tenant));

    /// <summary>Drops this silo's count of the tenant after a write that changed BCP types.</summary>
    public void Invalidate(string tenantId) => _counts.Forget(tenantId);

    private async Task<BcpAccessCounts> CountNowAsync(TenantLocation tenant)
    {
        int none = 0, single = 0, multiple = 0;
        string? token = null;
        do
        {
            var (versions, next) = await configuration.ListAsync(tenant, EntityTypes.Users, token, PageSize);
            var types = new string?[versions.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, versions.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism },
                async (i, _) => types[i] = await configuration.GetAsync(tenant, EntityTypes.Users, versions[i].Id) is { } user ? BcpTypes.Of(user.Data) : null);
            // A user deleted between listing and reading is not counted.
            none += types.Count(type => type == BcpTypes.None);
            single += types.Count(type => type == BcpTypes.Single);
            multiple += types.Count(type => type == BcpTypes.Multiple);
            token = next;
        }
        while (token is not null);
        return new BcpAccessCounts(none, single, multiple);
    }
}
