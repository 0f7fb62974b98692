using Orleans.Bcp.Grains.Storage;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Search;

/// <summary>
/// On start of an embedded node, lists in the <see cref="NameDirectory"/> every tenant and pair whose grain state
/// is in the control store's file but who has no entry: data of releases before the directory, and an entry lost
/// to a store failing between a tenant's state and its entry. The ids listed are kept only while this runs.
/// </summary>
internal sealed class DirectoryBackfill(IObjectStoreProvider stores, StoredGrainState stored, NameDirectory directory) : IStartupTask
{
    // ObjectStoreGrainStorage's layout: grains/{state name}/{escaped key}.
    private const string TenantStatePrefix = "grains/tenant/";
    private const string PairStatePrefix = "grains/pair/";
    private const int PageSize = 500;

    public async Task Execute(CancellationToken cancellationToken)
    {
        var listedTenants = await IdsAsync(DirectoryKeys.TenantPrefix, cancellationToken);
        await foreach (var tenantId in UnlistedAsync(TenantStatePrefix, listedTenants, cancellationToken))
        {
            if (await stored.TenantAsync(tenantId) is { } tenant)
            {
                await directory.AddTenantAsync(tenant);
            }
        }

        var listedPairs = await IdsAsync(DirectoryKeys.PairPrefix, cancellationToken);
        await foreach (var pairId in UnlistedAsync(PairStatePrefix, listedPairs, cancellationToken))
        {
            if (await stored.PairAsync(pairId) is { } pair)
            {
                await directory.AddPairAsync(pairId, pair.Primary, pair.Bcp);
            }
        }
    }

    private async Task<HashSet<string>> IdsAsync(string prefix, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var key in KeysAsync(prefix, cancellationToken))
        {
            ids.Add(DirectoryKeys.IdOf(key, prefix));
        }

        return ids;
    }

    private async IAsyncEnumerable<string> UnlistedAsync(
        string statePrefix, HashSet<string> listed, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var key in KeysAsync(statePrefix, cancellationToken))
        {
            var id = Uri.UnescapeDataString(key[statePrefix.Length..]);
            if (!listed.Contains(id))
            {
                yield return id;
            }
        }
    }

    private async IAsyncEnumerable<string> KeysAsync(string prefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var store = stores.Get(StorageNames.Control);
        string? continuation = null;
        do
        {
            var page = await store.ListAsync(prefix, continuation, PageSize, cancellationToken);
            foreach (var key in page.Keys)
            {
                yield return key;
            }

            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
    }
}
