using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Grains.Config;

namespace Orleans.Bcp.Silo.Drills;

/// <summary>Every entity of a type in a tenant, read a page at a time, several reads at once (a listing gives ids only).</summary>
internal static class TenantDocuments
{
    private const int PageSize = 1000;
    private const int ReadParallelism = 16;

    public static async Task<List<EntityDocument>> ReadAllAsync(ITenantConfiguration configuration, TenantLocation tenant, string type)
    {
        var documents = new List<EntityDocument>();
        string? token = null;
        do
        {
            var (versions, next) = await configuration.ListAsync(tenant, type, token, PageSize);
            var page = new EntityDocument?[versions.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, versions.Count), new ParallelOptions { MaxDegreeOfParallelism = ReadParallelism },
                async (i, _) => page[i] = await configuration.GetAsync(tenant, type, versions[i].Id));
            // One deleted between listing and reading is left out.
            documents.AddRange(page.OfType<EntityDocument>());
            token = next;
        }
        while (token is not null);
        return documents;
    }
}
