using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>New sync settings (validated by the caller: types are known, custom mode names at least one).</summary>
/// <param name="Enabled">Whether the daily run is on.</param>
/// <param name="Mode">Default or custom.</param>
/// <param name="EntityTypes">The types for custom mode.</param>
/// <param name="RewriteScriptIds">Whether to rewrite ids inside scripts.</param>
/// <param name="DailyAt">The UTC time of day of the daily run, if chosen; null keeps the current one, or when enabling takes the time of the call.</param>
[GenerateSerializer, Immutable, Alias("bcp.SyncSettingsUpdate")]
public sealed record SyncSettingsUpdate(bool Enabled, SyncMode Mode, ImmutableList<string> EntityTypes, bool RewriteScriptIds, TimeSpan? DailyAt = null);
