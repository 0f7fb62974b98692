using System.ComponentModel.DataAnnotations;
using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Http;

/// <summary>A pair's sync settings as the API shows them (<c>GET</c>/<c>PUT /tenant-pairs/{pairId}/sync</c>, the pair status).</summary>
/// <param name="Enabled">Whether the daily run is on.</param>
/// <param name="Mode">Default (all types) or custom.</param>
/// <param name="EntityTypes">The types a run copies, in sync order: all 11 in default mode.</param>
/// <param name="RewriteScriptIds">Whether BCP copies of scripts get the BCP ids in place of primary ids.</param>
/// <param name="DailyAt">The daily run's UTC time of day, <c>"HH:mm"</c>.</param>
/// <param name="NextRunAt">When the next scheduled run is due, if enabled.</param>
public sealed record SyncSettingsDocument(
    bool Enabled, SyncMode Mode, IReadOnlyList<string> EntityTypes, bool RewriteScriptIds, [property: RegularExpression(DailyTime.Pattern)] string? DailyAt, DateTimeOffset? NextRunAt)
{
    public static SyncSettingsDocument From(SyncSettings settings) => new(
        settings.Enabled, settings.Mode, settings.EntityTypes, settings.RewriteScriptIds, DailyTime.Write(settings.DailyAt), settings.NextRunAt);
}
