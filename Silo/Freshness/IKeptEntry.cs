namespace Orleans.Bcp.Silo.Freshness;

/// <summary>What <see cref="KeptEntries{TEntry}"/> keeps per key: a claim, and the entity it names once read under a change stamp.</summary>
/// <typeparam name="TEntry">The entry's own type.</typeparam>
public interface IKeptEntry<in TEntry>
{
    /// <summary>When the claim was read (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    long ClaimReadAt { get; }

    /// <summary>The change stamp the entity was read under; null while only the claim is kept.</summary>
    string? Stamp { get; }

    /// <summary>The bytes it takes on the heap with its key and its slot in the map (what counts against the bound).</summary>
    int Weight { get; }

    /// <summary>Whether <paramref name="other"/>'s claim names the same entity as this one's.</summary>
    bool HasClaimOf(TEntry other);
}
