namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>An entity a run left out, and why (e.g. a reference it could not remap).</summary>
/// <param name="Type">The entity type.</param>
/// <param name="PrimaryId">The entity's primary id.</param>
/// <param name="Code">A stable reason code: "reference-unresolved", "not-voice"; for a delete not made,
/// "deletes-held", "primary-listing-empty" or "bcp-changed" (see <see cref="HeldDeletes"/>).</param>
/// <param name="Field">The field concerned, if any.</param>
/// <param name="MissingId">The id that could not be resolved, if any.</param>
[GenerateSerializer, Immutable, Alias("bcp.SyncWarning")]
public sealed record SyncWarning(string Type, string PrimaryId, string Code, string? Field, string? MissingId);
