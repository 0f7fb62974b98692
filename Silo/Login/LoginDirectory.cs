using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Login;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Correlations;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;
using Orleans.Bcp.Silo.SwitchReports;

namespace Orleans.Bcp.Silo.Login;

/// <summary>
/// Login options (docs/api.md), the hottest read path: right after a switch every agent logs in
/// again. A username's claim and user (with its BCP type) are kept on this silo until its tenant's
/// users change (<see cref="KeptLogins"/>, <see cref="ChangeStamps"/>; within the node's
/// <see cref="KeptEntriesOptions.LoginMaxBytes"/>, past which they are read from the store again), and the tenant and pair state
/// are kept as the pair grain pushes them (<see cref="PairStateCache"/>), so a switch shows on every silo
/// as soon as it is committed and a BCP type change within a second, while a login reads nothing from
/// the store and calls no grain. While the BCP side is active and the primary region
/// is down, the BCP type is read from the user's synced copy instead.
/// </summary>
public sealed class LoginDirectory(
    IUsernameIndex usernames, ITenantConfiguration configuration, PairStateCache pairs, BcpCopies copies, ChangeStamps stamps, IMemoryCache cache, TimeProvider timeProvider,
    FirstAnswers firstAnswers, IOptions<KeptEntriesOptions> keptOptions)
{
    /// <summary>After a failed read, a region's store is not asked again for this long while the BCP side serves.</summary>
    public static readonly TimeSpan RegionDownMemory = TimeSpan.FromSeconds(5);

    private readonly KeptLogins _kept = new(timeProvider, keptOptions.Value.LoginMaxBytes);

    /// <summary>The bytes the usernames kept on this silo weigh now (at most <see cref="KeptEntriesOptions.LoginMaxBytes"/>).</summary>
    public long KeptBytes => _kept.Bytes;

    /// <param name="username">The name the user logs in with.</param>
    /// <param name="asIf">A would-be status of the user's pair (a drill: the answer after a switch); null for the pair as it is.</param>
    /// <remarks>A ValueTask, as are the steps below: a kept answer completes without waiting, and then allocates no task.</remarks>
    public async ValueTask<LoginOptions?> FindAsync(string username, PairStatus? asIf = null)
    {
        var options = await LookUpAsync(username, asIf);
        if (asIf is null && options is not null)
        {
            firstAnswers.Answered(options.PairId, options.Epoch, SwitchAnswerKind.LoginOptions);
        }

        return options;
    }

    private async ValueTask<LoginOptions?> LookUpAsync(string username, PairStatus? asIf)
    {
        var key = UsernameKey.Normalize(username);
        if (_kept.ClaimOf(key) is { } kept && await FindAsync(key, kept, asIf) is { } options)
        {
            return options;
        }

        // Not kept, or the kept claim no longer holds (the user no longer carries the name): ask the index.
        var claim = await usernames.FindAsync(key);
        if (claim is null)
        {
            _kept.Forget(key);
            return null;
        }

        return await FindAsync(key, _kept.KeepClaim(key, claim), asIf);
    }

    private async ValueTask<LoginOptions?> FindAsync(string key, KeptLogin claim, PairStatus? asIf)
    {
        var tenant = await pairs.TenantAsync(claim.Tenant.TenantId);
        if (tenant is null)
        {
            return null;
        }

        var pair = tenant.PairId is null ? null : tenant.PairId == asIf?.PairId ? asIf : await pairs.PairAsync(tenant.PairId);
        var user = await FindUserAsync(key, claim, pair);
        if (user is null)
        {
            return null;
        }

        if (pair is null)
        {
            var own = new LoginTenant(tenant.TenantId, tenant.Name, tenant.Region, null, Active: true);
            return new LoginOptions(user.Username, user.UserId, user.BcpType, LoginMode.Direct, own, [own], null, null, null);
        }

        var primary = new LoginTenant(pair.Primary.TenantId, pair.Primary.AccountName, pair.Primary.Region, PairRole.Primary, pair.ActiveSide == PairRole.Primary);
        var bcp = new LoginTenant(pair.Bcp.TenantId, pair.Bcp.AccountName, pair.Bcp.Region, PairRole.Bcp, pair.ActiveSide == PairRole.Bcp);
        var active = pair.ActiveSide == PairRole.Primary ? primary : bcp;

        // A user created in the BCP tenant itself has no primary account to return to.
        var mode = tenant.TenantId == pair.Bcp.TenantId ? LoginMode.Direct : LoginRules.ModeOf(user.BcpType, pair.ActiveSide);
        var target = tenant.TenantId == pair.Bcp.TenantId ? bcp : active;
        return mode switch
        {
            LoginMode.Selector => new LoginOptions(user.Username, user.UserId, user.BcpType, mode, null, [primary, bcp], pair.PairId, pair.ActiveSide, pair.Epoch),
            LoginMode.Direct => new LoginOptions(user.Username, user.UserId, user.BcpType, mode, target, [target], pair.PairId, pair.ActiveSide, pair.Epoch),
            _ => new LoginOptions(user.Username, user.UserId, user.BcpType, mode, null, [], pair.PairId, pair.ActiveSide, pair.Epoch),
        };
    }

    private async ValueTask<KeptLogin?> FindUserAsync(string key, KeptLogin claim, PairStatus? pair)
    {
        var canFallBack = pair is { ActiveSide: PairRole.Bcp } && claim.Tenant.TenantId == pair.Primary.TenantId;
        if (canFallBack && cache.TryGetValue(("region-down", claim.Tenant.Region), out _))
        {
            return await FromBcpCopyAsync(key, claim, pair!);
        }

        try
        {
            // The stamp is read before the user, so a user read during a write is kept under the older stamp and dropped at the next reading.
            var stamp = await stamps.CurrentAsync(claim.Tenant, EntityTypes.Users);
            if (_kept.ReadUnder(key, claim, stamp) is { } kept)
            {
                return kept.HasUser ? kept : null;
            }

            var data = (await configuration.GetAsync(claim.Tenant, EntityTypes.Users, claim.UserId))?.Data;
            return _kept.KeepUser(key, claim, UsernameOf(data, key), data is null ? BcpTypes.None : BcpTypes.Of(data), stamp);
        }
        catch (StoreUnavailableException) when (canFallBack)
        {
            // The primary region is down and the BCP side took over: its synced copy carries the type.
            // Remember the outage briefly, so a login storm does not wait for the dead store's retries each time.
            cache.Set(("region-down", claim.Tenant.Region), true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = RegionDownMemory, Size = 1 });
            return await FromBcpCopyAsync(key, claim, pair!);
        }
    }

    private async ValueTask<KeptLogin?> FromBcpCopyAsync(string key, KeptLogin claim, PairStatus pair)
    {
        var data = (await copies.FindAsync(pair, EntityTypes.Users, claim.UserId))?.Data;
        return UsernameOf(data, key) is { } username ? claim.WithUser(key, username, BcpTypes.Of(data!), stamp: null) : null;
    }

    /// <summary>The user's username, if it still carries <paramref name="key"/> (a claim can be stale or pending).</summary>
    private static string? UsernameOf(JsonObject? data, string key)
    {
        var username = data?["username"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        return username is not null && UsernameKey.Normalize(username) == key ? username : null;
    }
}
