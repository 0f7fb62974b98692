using System.Text.Json.Serialization;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Pairs;

/// <summary>Body of PUT /tenant-pairs/{pairId}/active-side.</summary>
public sealed record SwitchRequest([property: JsonConverter(typeof(StrictEnumConverter<PairRole>))] PairRole? Side, string? Passkey, string? Reason);
