using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// On start of an embedded node, asks every pair's sync grain to make sure its reminder exists. Data
/// written by releases before Orleans holds sync settings but no Orleans reminder; without this
/// their daily runs would silently stop after an upgrade.
/// </summary>
internal sealed class SyncScheduleRestore(IObjectStoreProvider stores, IGrainFactory grains) : IStartupTask
{
    private const string SyncStatePrefix = "grains/sync/";

    public async Task Execute(CancellationToken cancellationToken)
    {
        var store = stores.Get(StorageNames.Control);
        string? continuation = null;
        do
        {
            var page = await store.ListAsync(SyncStatePrefix, continuation, 500, cancellationToken);
            foreach (var key in page.Keys)
            {
                var pairId = Uri.UnescapeDataString(key[SyncStatePrefix.Length..]);
                await grains.GetGrain<ISyncReminderGrain>(pairId).EnsureScheduleAsync();
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }
}
