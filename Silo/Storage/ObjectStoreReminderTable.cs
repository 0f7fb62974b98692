using System.Text.Json.Serialization;

namespace Orleans.Bcp.Silo.Storage;

/// <summary>
/// Orleans' reminder table on an <see cref="IObjectStore"/>, for the embedded profile (one node on
/// SQLite; Orleans ships no SQLite reminder scripts). One object per reminder under
/// <c>orleans-reminders/{escaped grain id}/{escaped name}</c>; writes are conditional on its ETag.
/// Range reads list every reminder, which suits the embedded profile's one node and its few pairs.
/// </summary>
public sealed class ObjectStoreReminderTable(IObjectStoreProvider stores) : IReminderTable
{
    private const string Prefix = "orleans-reminders/";
    private const int PageSize = 1000;

    private IObjectStore Store => stores.Get(Grains.Storage.StorageNames.Control);

    public async Task<ReminderTableData> ReadRows(GrainId grainId) =>
        new(await ReadAllAsync($"{Prefix}{Escape(grainId.ToString())}/"));

    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var all = await ReadAllAsync(Prefix);
        // The ring range is (begin, end], wrapping around when begin >= end (Orleans' RangeFactory convention).
        return new([.. all.Where(entry => InRange(entry.GrainId.GetUniformHashCode(), begin, end))]);
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        var stored = await Store.ReadAsync(Key(grainId, reminderName));
        return stored is null ? null : ToEntry(stored);
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var key = Key(entry.GrainId, entry.ReminderName);
        var data = StateSerializer.Serialize(new StoredReminder(entry.GrainId.ToString(), entry.ReminderName, entry.StartAt, entry.Period));
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                var current = await Store.ReadAsync(key);
                return current is null ? await Store.CreateAsync(key, data) : await Store.ReplaceAsync(key, data, current.ETag);
            }
            catch (StoreConflictException)
            {
                // A concurrent upsert of the same reminder: the last writer wins, as in Orleans' own tables.
            }
        }

        return null;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        try
        {
            await Store.DeleteAsync(Key(grainId, reminderName), eTag);
            return true;
        }
        catch (StoreConflictException)
        {
            return false;
        }
    }

    public async Task TestOnlyClearTable()
    {
        foreach (var entry in await ReadAllAsync(Prefix))
        {
            await RemoveRow(entry.GrainId, entry.ReminderName, entry.ETag!);
        }
    }

    internal static bool InRange(uint hash, uint begin, uint end) =>
        begin < end ? hash > begin && hash <= end : hash > begin || hash <= end;

    private async Task<List<ReminderEntry>> ReadAllAsync(string prefix)
    {
        var entries = new List<ReminderEntry>();
        string? continuation = null;
        do
        {
            var page = await Store.ListAsync(prefix, continuation, PageSize);
            var reads = await Task.WhenAll(page.Keys.Select(key => Store.ReadAsync(key)));
            entries.AddRange(reads.OfType<StoredObject>().Select(ToEntry));
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return entries;
    }

    private static ReminderEntry ToEntry(StoredObject stored)
    {
        var reminder = StateSerializer.Deserialize<StoredReminder>(stored.Data);
        return new ReminderEntry
        {
            GrainId = GrainId.Parse(reminder.GrainId),
            ReminderName = reminder.Name,
            StartAt = DateTime.SpecifyKind(reminder.StartAt, DateTimeKind.Utc),
            Period = reminder.Period,
            ETag = stored.ETag,
        };
    }

    private static string Key(GrainId grainId, string reminderName) => $"{Prefix}{Escape(grainId.ToString())}/{Escape(reminderName)}";

    private static string Escape(string value) => Uri.EscapeDataString(value);

    private sealed record StoredReminder(
        [property: JsonPropertyName("grainId")] string GrainId,
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("startAt")] DateTime StartAt,
        [property: JsonPropertyName("period")] TimeSpan Period);
}
