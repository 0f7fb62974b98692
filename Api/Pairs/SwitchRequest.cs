using System.Text.Json.Serialization;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Pairs;

// The positional field must be given; the properties may be left out (the API document reads the record so).

/// <summary>Body of PUT /tenant-pairs/{pairId}/active-side: the side, and the passkey or (an operator's) reason.</summary>
/// <param name="Side">The side to make active.</param>
public sealed record SwitchRequest([property: JsonConverter(typeof(StrictEnumConverter<PairRole>))] PairRole? Side)
{
    /// <summary>The pair's passkey; required unless an operator switches.</summary>
    public string? Passkey { get; init; }

    /// <summary>Why an operator switches without the passkey (up to 500 characters).</summary>
    public string? Reason { get; init; }
}
