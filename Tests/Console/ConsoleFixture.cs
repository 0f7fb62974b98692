using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.AdminConsole;

/// <summary>A host in the Development environment (so the console's sign-in exists) on SQLite in a folder of its own.</summary>
public sealed class ConsoleFixture : IAsyncDisposable
{
    private readonly TempFolder _folder;

    private ConsoleFixture(TempFolder folder, ApiHost host)
    {
        _folder = folder;
        Host = host;
    }

    public ApiHost Host { get; }

    public static async Task<ConsoleFixture> StartAsync(
        Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var folder = new TempFolder();
        var host = await ApiHost.StartAsync(StoreSetup.Sqlite(folder.File("bcp.db")), time, settings, services: services, environment: "Development");
        return new ConsoleFixture(folder, host);
    }

    /// <summary>A client of the primary tenant's admin, for setting up what a test needs around the browser.</summary>
    public HttpClient PrimaryAdmin(TestPair pair) =>
        Host.ClientFor(pair.PrimaryTenantId, "admin-1", Permissions.ActivationEdit, Permissions.SyncEdit, Permissions.AccessEdit, Permissions.TenantConfigEdit);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        _folder.Dispose();
    }
}
