using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Sync;

/// <summary>Body of <c>PUT /tenant-pairs/{pairId}/sync</c>.</summary>
public sealed record SyncSettingsRequest(bool? Enabled, SyncMode? Mode, IReadOnlyList<string>? EntityTypes, bool? RewriteScriptIds);
