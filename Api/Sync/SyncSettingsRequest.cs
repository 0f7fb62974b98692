using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Sync;

// The positional field must be given; the properties may be left out (the API document reads the record so).

/// <summary>Body of <c>PUT /tenant-pairs/{pairId}/sync</c>.</summary>
/// <param name="Enabled">Whether the daily run is on.</param>
public sealed record SyncSettingsRequest(bool? Enabled)
{
    /// <summary>Default (all types, when left out) or custom.</summary>
    [JsonConverter(typeof(StrictEnumConverter<SyncMode>))]
    public SyncMode? Mode { get; init; }

    /// <summary>The types to sync; in custom mode only.</summary>
    public IReadOnlyList<string>? EntityTypes { get; init; }

    /// <summary>Whether BCP copies of scripts get the BCP ids in place of primary ids (false when left out).</summary>
    public bool? RewriteScriptIds { get; init; }

    /// <summary>The daily run's time, "HH:mm" UTC; left out, enabling takes the time of this call and an enabled sync keeps its time.</summary>
    [RegularExpression(DailyTime.Pattern)]
    public string? DailyAt { get; init; }
}
