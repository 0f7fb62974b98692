using Microsoft.Extensions.Options;
using Orleans.Bcp.Grains.Correlations;
using Orleans.Bcp.Grains.Runtime;
using Orleans.Bcp.Silo.Runtime;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Reminders;

/// <summary>Reminders in the control store at <c>reminders/{partition}/{name}/{key}</c>.</summary>
public sealed class ReminderTable(IObjectStoreProvider stores, IOptions<ReminderOptions> options) : IReminderRegistry
{
    private IObjectStore Store => stores.Get(StorageNames.Control);

    public async Task RegisterOrUpdateAsync(string reminderName, string key, DateTimeOffset startAt, TimeSpan period)
    {
        var entry = new ReminderEntry(reminderName, key, startAt, period, null);
        var objectKey = Key(reminderName, key);
        var existing = await Store.ReadAsync(objectKey);
        if (existing is null)
        {
            await Store.CreateAsync(objectKey, StateSerializer.Serialize(entry));
        }
        else if (StateSerializer.Deserialize<ReminderEntry>(existing.Data) is var current && (current.StartAt, current.Period) != (startAt, period))
        {
            await Store.ReplaceAsync(objectKey, StateSerializer.Serialize(entry), existing.ETag);
        }
    }

    public async Task UnregisterAsync(string reminderName, string key)
    {
        var objectKey = Key(reminderName, key);
        if (await Store.ReadAsync(objectKey) is { } existing)
        {
            await Store.DeleteAsync(objectKey, existing.ETag);
        }
    }

    /// <summary>Every reminder of a partition, with the ETag its update must present.</summary>
    public async Task<IReadOnlyList<(ReminderEntry Entry, string ETag)>> ReadPartitionAsync(int partition)
    {
        var result = new List<(ReminderEntry, string)>();
        string? continuation = null;
        do
        {
            var page = await Store.ListAsync($"reminders/{partition}/", continuation, 500);
            foreach (var key in page.Keys)
            {
                if (await Store.ReadAsync(key) is { } stored)
                {
                    result.Add((StateSerializer.Deserialize<ReminderEntry>(stored.Data), stored.ETag));
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return result;
    }

    /// <summary>Records a served tick; false when the reminder changed meanwhile (re-registered, removed).</summary>
    public async Task<bool> MarkServedAsync(ReminderEntry entry, string etag, DateTimeOffset tick)
    {
        try
        {
            await Store.ReplaceAsync(Key(entry.Name, entry.Key), StateSerializer.Serialize(entry with { LastTickServed = tick }), etag);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public int PartitionOf(string key) => CorrelationBuckets.Of(key) % options.Value.Partitions;

    private string Key(string reminderName, string key) => $"reminders/{PartitionOf(key)}/{reminderName}/{Uri.EscapeDataString(key)}";
}
