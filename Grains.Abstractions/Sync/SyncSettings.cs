using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>A pair's sync settings.</summary>
/// <param name="Enabled">Whether the daily run is on.</param>
/// <param name="Mode">Default (all types) or custom.</param>
/// <param name="EntityTypes">The types a run copies, in sync order: the chosen ones in custom mode, all 11 in default mode.</param>
/// <param name="RewriteScriptIds">Whether BCP copies of scripts get the BCP ids in place of primary ids.</param>
/// <param name="DailyAt">The UTC time of day of the daily run (chosen, else the time of the enabling call).</param>
/// <param name="NextRunAt">When the next scheduled run is due, if enabled.</param>
[GenerateSerializer, Immutable, Alias("bcp.SyncSettings")]
public sealed record SyncSettings(bool Enabled, SyncMode Mode, ImmutableList<string> EntityTypes, bool RewriteScriptIds, TimeSpan? DailyAt, DateTimeOffset? NextRunAt);
