using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// Staged objects into the cluster's stores through the product's provider (the same stores by name as the nodes use):
/// Blob Storage has no transactions, so each object is one create, many in flight; a change stamp that exists is replaced.
/// </summary>
internal static class ScaleBlobSink
{
    public static ScaleSink For(IObjectStoreProvider stores, int parallelism) => async (storeName, objects, cancellationToken) =>
    {
        var store = stores.Get(storeName);
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken }, async (staged, token) =>
        {
            try
            {
                await store.CreateAsync(staged.Key, staged.Data, token);
            }
            catch (StoreConflictException)
            {
                var current = await store.ReadAsync(staged.Key, token) ?? throw new InvalidOperationException($"{staged.Key} vanished while loading.");
                await store.ReplaceAsync(staged.Key, staged.Data, current.ETag, token);
            }
        });
    };
}
