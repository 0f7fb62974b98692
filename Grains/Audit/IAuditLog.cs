using Orleans.Bcp.Grains.Abstractions.Audit;

namespace Orleans.Bcp.Grains.Audit;

/// <summary>The append-only audit trail of each pair, in the control store.</summary>
public interface IAuditLog
{
    /// <summary>Appends entries; appending an entry whose sequence is already there is a no-op.</summary>
    Task AppendAsync(string pairId, IReadOnlyList<AuditEntry> entries);

    /// <summary>The newest <paramref name="limit"/> entries, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> ListAsync(string pairId, int limit);
}
