using System.Globalization;
using Orleans.Bcp.Grains.Abstractions.Audit;
using Orleans.Bcp.Grains.Audit;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Audit;

/// <summary>
/// One object per audit entry in the control store. Keys carry the inverted sequence number, so
/// an ordinal prefix listing is newest first; create-if-absent makes appends idempotent.
/// </summary>
public sealed class StoreAuditLog(IObjectStoreProvider stores) : IAuditLog
{
    private IObjectStore Store => stores.Get(StorageNames.Control);

    public async Task AppendAsync(string pairId, IReadOnlyList<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            try
            {
                await Store.CreateAsync(Key(pairId, entry.Sequence), StateSerializer.Serialize(entry));
            }
            catch (StoreConflictException)
            {
                // Already appended by an earlier flush of the same committed entry.
            }
        }
    }

    public async Task<IReadOnlyList<AuditEntry>> ListAsync(string pairId, int limit)
    {
        var page = await Store.ListAsync(Prefix(pairId), null, limit);
        var reads = await Task.WhenAll(page.Keys.Select(key => Store.ReadAsync(key)));
        return [.. reads.OfType<StoredObject>().Select(stored => StateSerializer.Deserialize<AuditEntry>(stored.Data))];
    }

    private static string Prefix(string pairId) => $"audit/{Uri.EscapeDataString(pairId)}/";

    private static string Key(string pairId, long sequence) =>
        Prefix(pairId) + (long.MaxValue - sequence).ToString("D19", CultureInfo.InvariantCulture);
}
