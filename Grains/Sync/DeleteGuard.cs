using Orleans.Bcp.Grains.Abstractions.Correlations;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Grains.Sync;

/// <summary>
/// One run's decision on which BCP copies it deletes (docs/sync.md, "Deletes need proof"). A delete needs proof: a type
/// whose primary listing is empty while the pair holds copies of it deletes nothing, and a type whose deletes are
/// more than the guard allows deletes nothing; both are held for an admin to release. Released deletes are applied
/// only while the entity is still absent from the primary, and a release of deletes held past the guard only while
/// the primary's listing is not empty.
/// </summary>
public sealed class DeleteGuard(DeleteGuardOptions options, DeleteApproval? approval)
{
    private readonly Dictionary<string, HeldDeletes> _held = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _copies = new(StringComparer.Ordinal);

    /// <summary>What this run held, per type in sync order.</summary>
    public IReadOnlyList<HeldDeletes> Held =>
        [.. _held.Values.OrderBy(held => EntityTypes.InSyncOrder.ToList().FindIndex(type => type.Name == held.Type))];

    /// <summary>
    /// Of the correlations whose primary entity is gone, those to delete now; the rest are recorded as held.
    /// Deciding a type again (the script rewrite pass) replaces its earlier decision.
    /// </summary>
    /// <param name="type">The entity type.</param>
    /// <param name="copies">The pair's BCP copies of the type when the run began it (the first decision's count is kept).</param>
    /// <param name="primaryListed">How many entities the primary's listing of the type showed.</param>
    /// <param name="gone">The correlations whose primary entity is gone (not listed, or deleted since).</param>
    /// <param name="editedInBcp">Whether a copy was changed in the BCP tenant since it was synced: its delete is held
    /// (<c>bcp-changed</c>), since that is work done in the BCP tenant while it was the live one.</param>
    public IReadOnlyList<Correlation> Decide(string type, int copies, int primaryListed, IReadOnlyList<Correlation> gone, Func<Correlation, bool>? editedInBcp = null)
    {
        _held.Remove(type);
        // The share is of the copies held before the run wrote any: a second pass must not see its own creates.
        copies = _copies.TryAdd(type, copies) ? copies : _copies[type];
        var approved = Approved(type, primaryListed);
        var released = gone.Where(correlation => approved.Contains(correlation.PrimaryId)).ToList();
        var rest = gone.Where(correlation => !approved.Contains(correlation.PrimaryId)).ToList();
        var reason = rest.Count == 0 ? null
            : primaryListed == 0 ? HeldDeletes.PrimaryListingEmpty
            : rest.Count > options.MaxCount && rest.Count > options.MaxShare * copies ? HeldDeletes.DeletesHeld
            : null;
        if (reason is null && editedInBcp is not null && rest.Where(editedInBcp).ToList() is { Count: > 0 } edited)
        {
            // Under the guard's thresholds, only the copies edited in the BCP tenant wait for a release.
            released.AddRange(rest.Except(edited));
            rest = edited;
            reason = HeldDeletes.BcpChanged;
        }

        if (reason is null)
        {
            return gone;
        }

        var ids = rest.Select(correlation => correlation.PrimaryId).Order(StringComparer.Ordinal).Take(HeldDeletes.MaxListed);
        _held[type] = new HeldDeletes(type, reason, rest.Count, copies, [.. ids]);
        return released;
    }

    /// <summary>The primary ids released for <paramref name="type"/> that this run may delete given the listing it read.</summary>
    private HashSet<string> Approved(string type, int primaryListed)
    {
        var released = approval?.Released.FirstOrDefault(held => held.Type == type);
        // Deletes held past the guard were seen against a non-empty primary: an empty one now proves nothing.
        return released is null || (primaryListed == 0 && released.Reason != HeldDeletes.PrimaryListingEmpty)
            ? []
            : released.PrimaryIds.ToHashSet(StringComparer.Ordinal);
    }
}
