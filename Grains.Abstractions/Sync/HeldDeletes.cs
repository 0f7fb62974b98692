using System.Collections.Immutable;

namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>The deletes of one entity type a run did not make, and why (docs/sync.md, "Deletes need proof").</summary>
/// <param name="Type">The entity type.</param>
/// <param name="Reason">A stable reason: <c>deletes-held</c> (more than the delete guard allows), <c>primary-listing-empty</c>
/// (the primary showed no entity of the type while the pair holds BCP copies of it) or <c>bcp-changed</c> (copies changed in
/// the BCP tenant since they were synced).</param>
/// <param name="Count">How many BCP copies the run would have deleted (points of contact: deactivated).</param>
/// <param name="Copies">How many BCP copies of the type the pair held when the run began the type.</param>
/// <param name="PrimaryIds">The primary ids of the entities concerned, in ordinal order (the first <see cref="MaxListed"/>): what a release approves.</param>
[GenerateSerializer, Immutable, Alias("bcp.HeldDeletes")]
public sealed record HeldDeletes(string Type, string Reason, int Count, int Copies, ImmutableList<string> PrimaryIds)
{
    /// <summary>More than the delete guard allows.</summary>
    public const string DeletesHeld = "deletes-held";

    /// <summary>The BCP copies were changed in the BCP tenant since they were synced (work done while it was active).</summary>
    public const string BcpChanged = "bcp-changed";

    /// <summary>The primary's listing of the type was empty while the pair holds BCP copies of it.</summary>
    public const string PrimaryListingEmpty = "primary-listing-empty";

    /// <summary>A run report stays small: it names this many held entities per type (a release approves these, and the rest are held again).</summary>
    public const int MaxListed = 1000;
}
