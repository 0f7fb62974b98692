using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>Body of PUT /tenant-pairs/{pairId}/active-side.</summary>
public sealed record SwitchRequest(PairRole? Side, string? Passkey, string? Reason);
