using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Grains.Tenants;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Search;

/// <summary>
/// Tenants and pairs by name or id, for operators (docs/api.md, "Finding tenants and pairs"). Entries live in the
/// control store, one key each, holding what a search shows (<see cref="DirectoryKeys"/>). A search is a scan of
/// keys, bounded per request: at most <see cref="ScanLimit"/> keys, read <see cref="ListingPageSize"/> at a time;
/// past that bound the page is answered short, with a cursor to go on from.
/// </summary>
public sealed class NameDirectory(IObjectStoreProvider stores) : ITenantDirectory
{
    public const int MaxSearchLength = 200;
    internal const int ListingPageSize = 200;
    internal const int ScanLimit = 2000;

    private IObjectStore Store => stores.Get(StorageNames.Control);

    public Task AddTenantAsync(TenantInfo tenant) =>
        AddAsync(DirectoryKeys.Tenant(new TenantRef(tenant.TenantId, tenant.Name, tenant.Region)));

    public Task AddPairAsync(string pairId, TenantRef primary, TenantRef bcp) => AddAsync(DirectoryKeys.Pair(pairId, primary, bcp));

    /// <summary>Whether <paramref name="cursor"/> is one this directory handed out (else the caller's input is bad).</summary>
    public static bool IsCursor(string? cursor) =>
        DirectoryCursor.TryParse(cursor, out var parsed) && parsed.Skip < ListingPageSize;

    /// <summary>Tenants whose name contains, or id starts with, <paramref name="search"/>, any case (every tenant for an empty search).</summary>
    public Task<DirectoryPage<TenantRef>> SearchTenantsAsync(string search, int pageSize, string? cursor) =>
        ScanAsync(DirectoryKeys.TenantPrefix, key => DirectoryKeys.ReadTenant(key) is { } tenant && Matches(tenant, search) ? tenant : null,
            pageSize, cursor);

    /// <summary>Pairs whose id or either tenant's id starts with, or either tenant's name contains, <paramref name="search"/>, any case.</summary>
    public Task<DirectoryPage<PairEntry>> SearchPairsAsync(string search, int pageSize, string? cursor) =>
        ScanAsync(DirectoryKeys.PairPrefix, key => DirectoryKeys.ReadPair(key) is { } pair
                && (StartsWith(pair.PairId, search) || Matches(pair.Primary, search) || Matches(pair.Bcp, search)) ? pair : null,
            pageSize, cursor);

    private async Task AddAsync(string key)
    {
        try
        {
            await Store.CreateAsync(key, ReadOnlyMemory<byte>.Empty);
        }
        catch (StoreConflictException)
        {
            // Listed already: an entry never changes.
        }
    }

    private async Task<DirectoryPage<T>> ScanAsync<T>(string prefix, Func<string, T?> match, int pageSize, string? cursorText)
        where T : class
    {
        if (!DirectoryCursor.TryParse(cursorText, out var cursor))
        {
            throw new ArgumentException("Not a cursor of this directory.", nameof(cursorText));
        }

        var items = new List<T>();
        var scanned = 0;
        var (storeToken, skip) = cursor;
        while (true)
        {
            var page = await Store.ListAsync(prefix, storeToken, ListingPageSize);
            var keys = page.Keys.ToList();
            for (var i = skip; i < keys.Count; i++)
            {
                scanned++;
                if (match(keys[i]) is not { } item)
                {
                    continue;
                }

                items.Add(item);
                if (items.Count == pageSize)
                {
                    // The same listing page, listed again from the same token, goes on after this key.
                    var next = i + 1 < keys.Count ? new DirectoryCursor(storeToken, i + 1)
                        : page.ContinuationToken is { } token ? new DirectoryCursor(token, 0) : (DirectoryCursor?)null;
                    return new(items, next?.ToString());
                }
            }

            if (page.ContinuationToken is null)
            {
                return new(items, null);
            }

            (storeToken, skip) = (page.ContinuationToken, 0);
            if (scanned >= ScanLimit)
            {
                return new(items, new DirectoryCursor(storeToken, 0).ToString());
            }
        }
    }

    // Ids match from their start: a few letters would otherwise match every hex id that happens to hold them.
    private static bool Matches(TenantRef tenant, string search) => Contains(tenant.AccountName, search) || StartsWith(tenant.TenantId, search);

    private static bool StartsWith(string id, string search) => id.StartsWith(search, StringComparison.OrdinalIgnoreCase);

    private static bool Contains(string text, string search) => text.Contains(search, StringComparison.OrdinalIgnoreCase);
}
