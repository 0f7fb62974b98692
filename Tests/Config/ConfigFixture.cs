using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>A host with two tenants (different regions) and an admin client for each.</summary>
public sealed class ConfigFixture : IAsyncDisposable
{
    private readonly bool _ownsHost;

    private ConfigFixture(ApiHost host, bool ownsHost, string tenantA, string tenantB)
    {
        Host = host;
        _ownsHost = ownsHost;
        TenantA = tenantA;
        TenantB = tenantB;
        AdminA = host.ClientFor(tenantA, "admin-a", Permissions.TenantConfigEdit);
        AdminB = host.ClientFor(tenantB, "admin-b", Permissions.TenantConfigEdit);
    }

    public ApiHost Host { get; }

    public string TenantA { get; }

    public string TenantB { get; }

    public HttpClient AdminA { get; }

    public HttpClient AdminB { get; }

    public static async Task<ConfigFixture> StartAsync(StoreSetup store, Action<Microsoft.AspNetCore.Builder.WebApplication>? mapMore = null) =>
        await WithTenantsAsync(await ApiHost.StartAsync(store, mapMore: mapMore), ownsHost: true);

    /// <summary>Two new tenants on a host the caller keeps running (one host for a class's tests, new tenants for each).</summary>
    public static Task<ConfigFixture> OnHostAsync(ApiHost host) => WithTenantsAsync(host, ownsHost: false);

    private static async Task<ConfigFixture> WithTenantsAsync(ApiHost host, bool ownsHost)
    {
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var tenantA = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var tenantB = await BcpClient.CreateTenantAsync(operatorClient, "Other Corp.", "eu-west");
        return new ConfigFixture(host, ownsHost, tenantA, tenantB);
    }

    public async ValueTask DisposeAsync()
    {
        AdminA.Dispose();
        AdminB.Dispose();
        if (_ownsHost)
        {
            await Host.DisposeAsync();
        }
    }
}
