using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Routing;
using Orleans.Bcp.Grains.Abstractions.Runtime;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Config;
using Orleans.Bcp.Silo.Correlations;

namespace Orleans.Bcp.Silo.Routing;

/// <summary>
/// Voice routing (spec §3.9): the tenant that takes a call to a number now, and its point of
/// contact with ids of that tenant. While the BCP side is active the call goes to the synced copy,
/// found through the correlations, and the primary region's store is not touched — so routing
/// keeps working when that region is down. Lookups are cached on this silo for
/// <see cref="CacheAge"/>; with pair state at most 500 ms old a switch shows within a second.
/// </summary>
public sealed class VoiceRouter(
    IVoiceAddressIndex addresses, ITenantConfiguration configuration, IGrainFactory grains, BcpCopies copies, IMemoryCache cache)
{
    public static readonly TimeSpan CacheAge = TimeSpan.FromMilliseconds(500);

    private static readonly RoutingAnswer Unknown = new(RoutingOutcome.PocUnknown, null);

    /// <param name="address">A number already in E.164 form.</param>
    public async Task<RoutingAnswer> RouteAsync(string address)
    {
        var claim = await CachedAsync(("voice-claim", address), () => addresses.FindAsync(address));
        if (claim is null || await grains.GetGrain<ITenantGrain>(claim.Tenant.TenantId).GetAsync() is not { } tenant)
        {
            return Unknown;
        }

        var pair = tenant.PairId is null ? null : await grains.GetGrain<ITenantPairGrain>(tenant.PairId).GetStatusAsync();
        var side = pair is null ? (PairRole?)null : tenant.TenantId == pair.Primary.TenantId ? PairRole.Primary : PairRole.Bcp;
        if (pair is not null && side == PairRole.Primary && pair.ActiveSide == PairRole.Bcp)
        {
            var copy = await CachedAsync(("voice-copy", pair.PairId, claim.PointOfContactId), () =>
                copies.FindAsync(pair, EntityTypes.PointsOfContact, claim.PointOfContactId));
            return copy is null
                ? new RoutingAnswer(RoutingOutcome.PocNotInBcp, null)
                : Answer(address, pair.Bcp.TenantId, pair.Bcp.AccountName, pair.Bcp.Region, PairRole.Bcp, pair, copy);
        }

        var contact = await CachedAsync(("voice-contact", claim.Tenant.TenantId, claim.PointOfContactId), () =>
            configuration.GetAsync(claim.Tenant, EntityTypes.PointsOfContact, claim.PointOfContactId));

        // The claim may be stale or pending: the point of contact must still be voice at this number.
        if (contact is null || VoiceNumber.Of(contact.Data) != address)
        {
            return Unknown;
        }

        // A point of contact of the standby side takes no calls.
        var standby = pair is not null && side != pair.ActiveSide;
        return standby
            ? new RoutingAnswer(RoutingOutcome.PocInactive, null)
            : Answer(address, tenant.TenantId, tenant.Name, tenant.Region, side, pair, contact);
    }

    private static RoutingAnswer Answer(
        string address, string tenantId, string accountName, string region, PairRole? side, PairStatus? pair, EntityDocument contact)
    {
        var data = contact.Data;
        if (data["active"] is JsonValue active && active.GetValueKind() == JsonValueKind.False)
        {
            return new RoutingAnswer(RoutingOutcome.PocInactive, null);
        }

        var routed = new RoutedContact(
            contact.Id, Text(data, "name"), Text(data, "skillId"), Text(data, "hoursOfOperationId"), Text(data, "scriptId"));
        return new RoutingAnswer(RoutingOutcome.Routed, new VoiceRoute(address, tenantId, accountName, region, side, pair?.PairId, pair?.Epoch, routed));
    }

    private Task<T?> CachedAsync<T>(object key, Func<Task<T?>> load) =>
        cache.GetOrCreateAsync(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheAge;
            entry.Size = 1;
            return load();
        });

    private static string? Text(JsonObject data, string field) =>
        data[field] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
