using Orleans.Bcp.Grains.Abstractions.Config;

namespace Orleans.Bcp.Grains.Config;

/// <summary>Every entity of a type as listed (id → ETag), page after page: what sync and readiness compare.</summary>
public static class TenantConfigurationVersions
{
    private const int PageSize = 1000;

    public static async Task<Dictionary<string, string>> ListVersionsAsync(this ITenantConfiguration configuration, TenantLocation tenant, string type)
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        string? continuation = null;
        do
        {
            var (items, next) = await configuration.ListAsync(tenant, type, continuation, PageSize);
            foreach (var item in items)
            {
                versions[item.Id] = item.ETag;
            }

            continuation = next;
        }
        while (continuation is not null);
        return versions;
    }
}
