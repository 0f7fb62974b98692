using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>One primary script and the entity ids inside it.</summary>
/// <param name="PrimaryId">The script's primary id.</param>
/// <param name="BcpId">The id of its BCP copy; null when not synced yet.</param>
/// <param name="Name">The script's name.</param>
/// <param name="Ids">Every primary entity id found in its content, in order of appearance.</param>
[GenerateSerializer, Immutable, Alias("bcp.ScriptChecklistItem")]
public sealed record ScriptChecklistItem(string PrimaryId, string? BcpId, string? Name, ImmutableList<ScriptIdReference> Ids)
{
    /// <summary>The ids without a BCP counterpart: they would point nowhere in the BCP tenant.</summary>
    public ImmutableList<string> Unmapped => [.. Ids.Where(id => id.BcpId is null).Select(id => id.PrimaryId)];
}
