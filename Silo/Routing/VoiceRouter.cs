using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Abstractions.SwitchReports;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Correlations;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.SwitchReports;

namespace Orleans.Bcp.Silo.Routing;

/// <summary>
/// Voice routing (docs/api.md): the tenant that takes a call to a number now, and its point of
/// contact with ids of that tenant. While the BCP side is active the call goes to the synced copy,
/// found through the correlations, and the primary region's store is not touched — so routing
/// keeps working when that region is down. A number's claim and point of contact are kept on this
/// silo until its tenant's points of contact change (<see cref="KeptNumber"/>, <see cref="KeptEntries{TEntry}"/>,
/// <see cref="ChangeStamps"/>); synced copies and unknown numbers for <see cref="CacheAge"/>. Tenant and
/// pair state are kept as the pair grain pushes them (<see cref="PairStateCache"/>), so a switch shows
/// on every silo as soon as it is committed.
/// </summary>
public sealed class VoiceRouter(
    IVoiceAddressIndex addresses, ITenantConfiguration configuration, PairStateCache pairs, BcpCopies copies, ChangeStamps stamps, IMemoryCache cache, TimeProvider timeProvider,
    FirstAnswers firstAnswers, IOptions<KeptEntriesOptions> keptOptions)
{
    public static readonly TimeSpan CacheAge = TimeSpan.FromMilliseconds(500);

    private static readonly RoutingAnswer Unknown = new(RoutingOutcome.PocUnknown, null);

    private readonly KeptEntries<KeptNumber> _kept = new(timeProvider, keptOptions.Value.NumberMaxBytes);

    /// <summary>The bytes the numbers kept on this silo weigh now (at most <see cref="KeptEntriesOptions.NumberMaxBytes"/>).</summary>
    public long KeptBytes => _kept.Bytes;

    /// <param name="address">A number already in E.164 form.</param>
    /// <param name="asIf">A would-be status of the number's pair (a drill: the answer after a switch); null for the pair as it is.</param>
    /// <remarks>A ValueTask, as are the steps below: a kept answer completes without waiting, and then allocates no task.</remarks>
    public async ValueTask<RoutingAnswer> RouteAsync(string address, PairStatus? asIf = null)
    {
        var answer = await LookUpAsync(address, asIf);
        if (asIf is null && answer.Route is { } route)
        {
            firstAnswers.Answered(route.PairId, route.Epoch, SwitchAnswerKind.VoiceRouting);
        }

        return answer;
    }

    private async ValueTask<RoutingAnswer> LookUpAsync(string address, PairStatus? asIf)
    {
        if (_kept.ClaimOf(address, out var age) is { } kept && await RouteAsync(address, kept, recent: age < CacheAge, asIf) is { Outcome: not RoutingOutcome.PocUnknown } answer)
        {
            return answer;
        }

        // Not kept, or the kept claim no longer holds: ask the index.
        return await FindClaimAsync(address) is { } claim ? await RouteAsync(address, claim, recent: true, asIf) : Unknown;
    }

    // recent: the claim was read less than CacheAge ago.
    private async ValueTask<RoutingAnswer> RouteAsync(string address, KeptNumber claim, bool recent, PairStatus? asIf)
    {
        if (await pairs.TenantAsync(claim.Tenant.TenantId) is not { } tenant)
        {
            return Unknown;
        }

        var pair = tenant.PairId is null ? null : tenant.PairId == asIf?.PairId ? asIf : await pairs.PairAsync(tenant.PairId);
        var side = pair is null ? (PairRole?)null : tenant.TenantId == pair.Primary.TenantId ? PairRole.Primary : PairRole.Bcp;
        if (pair is not null && side == PairRole.Primary && pair.ActiveSide == PairRole.Bcp)
        {
            // The primary's point of contact is not read while the BCP side serves, so nothing confirms a
            // kept claim: one older than CacheAge is read again (as unknown numbers are), to follow a number moved meanwhile.
            if (!recent)
            {
                return Unknown;
            }

            var copy = await cache.GetOrCreateAsync(("voice-copy", pair.PairId, claim.PointOfContactId), async entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = CacheAge;
                entry.Size = 1;
                return KeptContact.From(await copies.FindAsync(pair, EntityTypes.PointsOfContact, claim.PointOfContactId));
            });
            return copy is null
                ? new RoutingAnswer(RoutingOutcome.PocNotInBcp, null)
                : Answer(address, pair.Bcp.TenantId, pair.Bcp.AccountName, pair.Bcp.Region, PairRole.Bcp, pair, copy);
        }

        var contact = await FindContactAsync(address, claim);

        // The claim may be stale or pending: the point of contact must still be voice at this number.
        if (contact is null || contact.Number != address)
        {
            return Unknown;
        }

        // A point of contact of the standby side takes no calls.
        var standby = pair is not null && side != pair.ActiveSide;
        return standby
            ? new RoutingAnswer(RoutingOutcome.PocInactive, null)
            : Answer(address, tenant.TenantId, tenant.Name, tenant.Region, side, pair, contact);
    }

    private async ValueTask<KeptContact?> FindContactAsync(string address, KeptNumber claim)
    {
        // The stamp is read before the point of contact, so one read during a write is kept under the older stamp and dropped at the next reading.
        var stamp = await stamps.CurrentAsync(claim.Tenant, EntityTypes.PointsOfContact);
        if (_kept.Read(address, claim, stamp) is { } kept)
        {
            return kept.Contact;
        }

        var contact = KeptContact.From(await configuration.GetAsync(claim.Tenant, EntityTypes.PointsOfContact, claim.PointOfContactId));
        var keeping = claim.WithContact(address, contact, _kept.SharedStamp(claim.Tenant.TenantId, stamp));
        _kept.Keep(address, keeping);
        return keeping.Contact;
    }

    private async ValueTask<KeptNumber?> FindClaimAsync(string address)
    {
        // An unknown number is remembered briefly: the claim of a new number is not stamped.
        if (cache.TryGetValue(NoClaimKey(address), out _))
        {
            return null;
        }

        var claim = await addresses.FindAsync(address);
        if (claim is null)
        {
            _kept.Forget(address);
            cache.Set(NoClaimKey(address), true, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = CacheAge, Size = 1 });
            return null;
        }

        var kept = KeptNumber.Claimed(address, claim, _kept.SharedTenant(claim.Tenant), timeProvider.GetTimestamp());
        _kept.Keep(address, kept);
        return kept;
    }

    private static (string, string) NoClaimKey(string address) => ("voice-no-claim", address);

    private static RoutingAnswer Answer(
        string address, string tenantId, string accountName, string region, PairRole? side, PairStatus? pair, KeptContact contact) =>
        contact.Active
            ? new RoutingAnswer(RoutingOutcome.Routed, new VoiceRoute(address, tenantId, accountName, region, side, pair?.PairId, pair?.Epoch, contact.Contact))
            : new RoutingAnswer(RoutingOutcome.PocInactive, null);
}
