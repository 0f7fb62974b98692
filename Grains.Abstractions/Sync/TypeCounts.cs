namespace Orleans.Bcp.Grains.Abstractions.Sync;

/// <summary>What a run did to one entity type.</summary>
[GenerateSerializer, Immutable, Alias("bcp.TypeCounts")]
public sealed record TypeCounts(int Created, int Updated, int Deleted, int Unchanged, int Skipped)
{
    /// <summary>Nothing done.</summary>
    public static TypeCounts Zero { get; } = new(0, 0, 0, 0, 0);
}
