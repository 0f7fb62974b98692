namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>A primary entity id found as a whole token in a script (docs/api.md).</summary>
/// <param name="PrimaryId">The id as it appears in the primary script.</param>
/// <param name="Type">The entity type it names.</param>
/// <param name="BcpId">The id to use in the BCP tenant; null when it cannot be mapped (not synced).</param>
/// <param name="Replaced">Whether the BCP copy of the script already carries <paramref name="BcpId"/> in its place.</param>
[GenerateSerializer, Immutable, Alias("bcp.ScriptIdReference")]
public sealed record ScriptIdReference(string PrimaryId, string Type, string? BcpId, bool Replaced);
