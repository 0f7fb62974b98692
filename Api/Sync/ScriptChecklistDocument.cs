using Orleans.Bcp.Grains.Abstractions.Sync;

namespace Orleans.Bcp.Api.Sync;

/// <summary>Body of <c>GET /tenant-pairs/{pairId}/scripts/checklist</c>.</summary>
public sealed record ScriptChecklistDocument(bool RewriteScriptIds, IReadOnlyList<ScriptChecklistItem> Scripts);
