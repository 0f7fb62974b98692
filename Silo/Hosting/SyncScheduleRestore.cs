using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// On start of an embedded node, asks the sync grain of every pair without a reminder to make sure it
/// has one if it needs one. Data written by releases before Orleans holds sync settings but no Orleans
/// reminder; without this their daily runs would silently stop after an upgrade. Pairs that have a
/// reminder are not activated.
/// </summary>
internal sealed class SyncScheduleRestore(IObjectStoreProvider stores, IReminderTable reminders, IGrainFactory grains) : IStartupTask
{
    private const string SyncStatePrefix = "grains/sync/";

    public async Task Execute(CancellationToken cancellationToken)
    {
        var store = stores.Get(StorageNames.Control);
        // (0, 0] wraps around the whole ring: every reminder.
        var scheduled = (await reminders.ReadRows(0, 0)).Reminders.Select(reminder => reminder.GrainId).ToHashSet();
        string? continuation = null;
        do
        {
            var page = await store.ListAsync(SyncStatePrefix, continuation, 500, cancellationToken);
            foreach (var key in page.Keys)
            {
                var sync = grains.GetGrain<ISyncReminderGrain>(Uri.UnescapeDataString(key[SyncStatePrefix.Length..]));
                if (!scheduled.Contains(sync.GetGrainId()))
                {
                    await sync.EnsureScheduleAsync();
                }
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }
}
