using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Config;

/// <summary>A host with two tenants (different regions) and an admin client for each.</summary>
public sealed class ConfigFixture : IAsyncDisposable
{
    private ConfigFixture(ApiHost host, string tenantA, string tenantB)
    {
        Host = host;
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

    public static async Task<ConfigFixture> StartAsync(StoreSetup store, Action<Microsoft.AspNetCore.Builder.WebApplication>? mapMore = null)
    {
        var host = await ApiHost.StartAsync(store, mapMore: mapMore);
        using var operatorClient = host.ClientFor("ops", "operator-1", Permissions.Setup);
        var tenantA = await BcpClient.CreateTenantAsync(operatorClient, "Classics Inc.", "us-east");
        var tenantB = await BcpClient.CreateTenantAsync(operatorClient, "Other Corp.", "eu-west");
        return new ConfigFixture(host, tenantA, tenantB);
    }

    public async ValueTask DisposeAsync()
    {
        AdminA.Dispose();
        AdminB.Dispose();
        await Host.DisposeAsync();
    }
}
