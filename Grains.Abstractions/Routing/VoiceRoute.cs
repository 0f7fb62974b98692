using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Grains.Abstractions.Routing;

/// <summary>Where a dialled number rings now (docs/api.md).</summary>
/// <param name="Address">The number in E.164 form.</param>
/// <param name="TenantId">The tenant that takes the call.</param>
/// <param name="AccountName">Its account name.</param>
/// <param name="Region">Its region.</param>
/// <param name="Side">Its side in the pair; null outside a pair.</param>
/// <param name="PairId">The pair, if any.</param>
/// <param name="Epoch">The pair's epoch, if any.</param>
/// <param name="PointOfContact">The point of contact there.</param>
[GenerateSerializer, Immutable, Alias("bcp.VoiceRoute")]
public sealed record VoiceRoute(
    string Address, string TenantId, string AccountName, string Region, PairRole? Side, string? PairId, long? Epoch, RoutedContact PointOfContact);
