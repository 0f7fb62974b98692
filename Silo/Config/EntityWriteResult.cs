using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Silo.Config;

/// <summary>How a write ended, and the entity as written when it was created or replaced (as it is, when unchanged).</summary>
public sealed record EntityWriteResult(EntityWriteOutcome Outcome, EntityDocument? Document = null)
{
    public bool Succeeded => Outcome is EntityWriteOutcome.Created or EntityWriteOutcome.Replaced or EntityWriteOutcome.Deleted or EntityWriteOutcome.Unchanged;
}
