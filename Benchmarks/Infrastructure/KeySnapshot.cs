using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// Every key under a prefix with its ETag, read straight from the store: two snapshots tell how many
/// objects a run created, replaced or deleted there, whatever the run itself reports.
/// </summary>
internal sealed class KeySnapshot
{
    private const int PageSize = 1000;

    private KeySnapshot(Dictionary<string, string> etags) => ETags = etags;

    public IReadOnlyDictionary<string, string> ETags { get; }

    public int Count => ETags.Count;

    public static async Task<KeySnapshot> TakeAsync(IObjectStore store, string prefix, CancellationToken cancellationToken)
    {
        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var page = await store.ListAsync(prefix, continuation, PageSize, cancellationToken);
            foreach (var listed in page.Objects)
            {
                etags[listed.Key] = listed.ETag;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return new KeySnapshot(etags);
    }

    /// <summary>Objects written between this snapshot and <paramref name="later"/>: new keys, changed ETags, removed keys.</summary>
    public KeyChanges ChangesTo(KeySnapshot later)
    {
        var created = later.ETags.Keys.Count(key => !ETags.ContainsKey(key));
        var replaced = later.ETags.Count(entry => ETags.TryGetValue(entry.Key, out var etag) && etag != entry.Value);
        var deleted = ETags.Keys.Count(key => !later.ETags.ContainsKey(key));
        return new KeyChanges(created, replaced, deleted);
    }
}
