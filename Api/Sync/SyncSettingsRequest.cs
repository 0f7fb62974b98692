using System.Text.Json.Serialization;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Sync;

/// <summary>Body of <c>PUT /tenant-pairs/{pairId}/sync</c>; <c>dailyAt</c> is <c>"HH:mm"</c> (UTC).</summary>
public sealed record SyncSettingsRequest(
    bool? Enabled,
    [property: JsonConverter(typeof(StrictEnumConverter<SyncMode>))] SyncMode? Mode,
    IReadOnlyList<string>? EntityTypes,
    bool? RewriteScriptIds,
    string? DailyAt = null);
