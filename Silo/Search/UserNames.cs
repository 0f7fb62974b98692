using System.Text.Json;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Caching;

namespace Orleans.Bcp.Silo.Search;

/// <summary>
/// Usernames of the users who acted (an audit entry's actor, the last switch's), shown beside their ids
/// (docs/api.md). Each is the user entity's <c>username</c> in the tenant's region store, kept on this silo for
/// <see cref="MaxAge"/>. An answer reads at most <see cref="MaxReadsPerAnswer"/> users and waits at most
/// <see cref="MaxWait"/>: a name not read in time (a region store down) is absent, and the id still shows.
/// </summary>
public sealed class UserNames(ITenantConfiguration configuration, TimeProvider timeProvider)
{
    internal const int MaxReadsPerAnswer = 20;
    internal static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(1);
    internal static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(1);
    private const int Capacity = 10_000;

    private readonly BoundedMap<(string TenantId, string UserId), KeptName> _kept = new(Capacity);
    private readonly SharedCalls<(string TenantId, string UserId), string?> _reads = new(timeProvider, Timeout.InfiniteTimeSpan);

    /// <summary>The kept name, without waiting; a missing or old one is read in the background for the next answer.</summary>
    public string? Kept(TenantRef tenant, string userId)
    {
        if (!EntityIds.IsWellFormed(userId))
        {
            return null;
        }

        var key = (tenant.TenantId, userId);
        if (_kept.TryGetValue(key, out var kept) && timeProvider.GetUtcNow() - kept.At < MaxAge)
        {
            return kept.Name;
        }

        _ = ReadAsync(tenant, userId);
        return kept?.Name;
    }

    /// <summary>
    /// The usernames of the <paramref name="actors"/> who belong to one of <paramref name="tenants"/> (others, e.g.
    /// operators, have no user there), by (tenant id, user id); the first <see cref="MaxReadsPerAnswer"/> only.
    /// </summary>
    public async Task<IReadOnlyDictionary<(string TenantId, string UserId), string>> ResolveAsync(IEnumerable<Actor> actors, params TenantRef[] tenants)
    {
        var wanted = actors
            .Where(actor => EntityIds.IsWellFormed(actor.UserId))
            .Select(actor => (Actor: actor, Tenant: tenants.FirstOrDefault(tenant => tenant.TenantId == actor.TenantId)))
            .Where(pair => pair.Tenant is not null)
            .DistinctBy(pair => (pair.Actor.TenantId, pair.Actor.UserId))
            .Take(MaxReadsPerAnswer)
            .ToList();
        var now = timeProvider.GetUtcNow();
        var reads = wanted
            .Where(pair => !_kept.TryGetValue((pair.Actor.TenantId, pair.Actor.UserId), out var kept) || now - kept.At >= MaxAge)
            .Select(pair => ReadAsync(pair.Tenant!, pair.Actor.UserId))
            .ToList();
        try
        {
            await Task.WhenAll(reads).WaitAsync(MaxWait, timeProvider);
        }
        catch (TimeoutException)
        {
            // Late reads leave their names out of this answer; each is kept for the next when it ends.
        }

        var names = new Dictionary<(string, string), string>();
        foreach (var (actor, _) in wanted)
        {
            if (_kept.TryGetValue((actor.TenantId, actor.UserId), out var kept) && kept.Name is { } name)
            {
                names[(actor.TenantId, actor.UserId)] = name;
            }
        }

        return names;
    }

    private async Task ReadAsync(TenantRef tenant, string userId)
    {
        try
        {
            var name = await _reads.RunAsync((tenant.TenantId, userId), async _ =>
            {
                var user = await configuration.GetAsync(new TenantLocation(tenant.TenantId, tenant.Region), EntityTypes.Users, userId);
                return user?.Data["username"] is { } username && username.GetValueKind() == JsonValueKind.String
                    ? username.GetValue<string>()
                    : null;
            });
            _kept.Set((tenant.TenantId, userId), new KeptName(name, timeProvider.GetUtcNow()));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A store that fails is not remembered: the id shows, and the next answer reads again.
        }
    }

    private sealed record KeptName(string? Name, DateTimeOffset At);
}
