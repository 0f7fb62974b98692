using System.Text.Json.Serialization;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Tenants;

namespace Orleans.Bcp.Api.Drills;

// The positional field must be given; the property may be left out (the API document reads the record so).

/// <summary>Body of POST /tenant-pairs/{pairId}/drills: the side a switch would make active, and the passkey.</summary>
/// <param name="Side">The side to rehearse a switch to.</param>
public sealed record DrillRequest([property: JsonConverter(typeof(StrictEnumConverter<PairRole>))] PairRole? Side)
{
    /// <summary>The pair's passkey, checked as a switch checks it; required unless an operator drills.</summary>
    public string? Passkey { get; init; }
}
