using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Api.Hosting;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Tests.Contract;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// The real API on Kestrel with its co-hosted Orleans silo, on free loopback ports, in the Production
/// environment (or Development, for the admin console's sign-in) with a test signing key. Hosts started on the same store join one cluster: on SQLite the
/// first host's silo keeps the (in-memory) membership, on Blob the cluster lives in Azurite's tables
/// under a cluster id named after the test's container.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private static readonly ConcurrentDictionary<string, int> PrimarySilos = new();

    private readonly WebApplication _app;
    private readonly string? _primaryOf;

    private ApiHost(WebApplication app, Uri baseAddress, CapturedLogs logs, string? primaryOf)
    {
        _app = app;
        _primaryOf = primaryOf;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = ValidatedClient(baseAddress);
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="store">The store every store name uses.</param>
    /// <param name="time">The silo's clock, if not the system's.</param>
    /// <param name="settings">More configuration.</param>
    /// <param name="mapMore">Maps further endpoints next to the API's (e.g. routes that other features will add).</param>
    /// <param name="services">Changes to the silo's services (e.g. a store that counts or fails writes).</param>
    /// <param name="changeable">Configuration the test changes while the host runs; it overrides everything else.</param>
    /// <param name="environment">
    /// The host environment. Development serves the API document and, with the test key as the development key,
    /// what <c>dotnet run</c> serves: the admin console's sign-in (<c>POST /dev/tokens</c>) included.
    /// </param>
    public static Task<ApiHost> StartAsync(
        StoreSetup store,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? mapMore = null,
        Action<IServiceCollection>? services = null,
        ChangeableSettings? changeable = null,
        string environment = "Production") =>
        StartCoreAsync(
            environment == "Development" ? ["--Auth:SigningKeys:0", SigningKey, "--Auth:DevelopmentSigningKey", SigningKey] : ["--Auth:SigningKeys:0", SigningKey],
            store, time, settings, mapMore, services, changeable, environment);

    /// <summary>Starts a host whose only signing settings are <paramref name="settings"/>.</summary>
    public static Task<ApiHost> StartWithoutTestKeyAsync(StoreSetup store, IReadOnlyDictionary<string, string?> settings) =>
        StartCoreAsync([], store, null, settings, null, null, null, "Production");

    private static async Task<ApiHost> StartCoreAsync(
        string[] signing,
        StoreSetup store,
        TimeProvider? time,
        IReadOnlyDictionary<string, string?>? settings,
        Action<WebApplication>? mapMore,
        Action<IServiceCollection>? services,
        ChangeableSettings? changeable,
        string environment)
    {
        var args = new List<string> { "--environment", environment, "--urls", "http://127.0.0.1:0" };
        args.AddRange(signing);
        var cluster = TestCluster.NodeSettings(store.Settings, out var siloPort);
        string? primaryOf = null;
        if (store.Settings.GetValueOrDefault("Storage:Default:Path") is { } path)
        {
            var primaryPort = PrimarySilos.GetOrAdd(Path.GetFullPath(path), siloPort);
            if (primaryPort == siloPort)
            {
                primaryOf = Path.GetFullPath(path);
            }
            else
            {
                cluster["Cluster:PrimarySiloPort"] = primaryPort.ToString(CultureInfo.InvariantCulture);
            }
        }

        foreach (var (key, value) in TestRateLimits.Unthrottled.Concat(cluster).Concat(store.Settings).Concat(settings ?? new Dictionary<string, string?>()))
        {
            args.Add($"--{key}={value}");
        }

        var logs = new CapturedLogs();
        try
        {
            return await StartAppAsync([.. args], logs, time, services, changeable, mapMore, primaryOf);
        }
        catch
        {
            // A host that did not start is no cluster's primary.
            if (primaryOf is not null)
            {
                PrimarySilos.TryRemove(primaryOf, out _);
            }

            throw;
        }
    }

    private static async Task<ApiHost> StartAppAsync(
        string[] args, CapturedLogs logs, TimeProvider? time, Action<IServiceCollection>? services,
        ChangeableSettings? changeable, Action<WebApplication>? mapMore, string? primaryOf)
    {
        var app = BcpApi.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            if (time is not null)
            {
                // The product's clock only: Orleans' own timers (membership, messaging, reminder ticks) keep real time.
                builder.Services.AddSingleton(time);
                builder.Services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, TimeProvider.System);
            }

            services?.Invoke(builder.Services);
            if (changeable is not null)
            {
                builder.Configuration.Sources.Add(changeable);
            }
        });
        mapMore?.Invoke(app);
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ApiHost(app, new Uri(address), logs, primaryOf);
    }

    /// <summary>A client whose requests carry a token for the given user, tenant and permissions.</summary>
    public HttpClient ClientFor(string tenantId, string userId, params string[] permissions)
    {
        var client = ValidatedClient(BaseAddress);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(tenantId, userId, permissions));
        return client;
    }

    /// <summary>Every answer to a documented operation is checked against the API document (Tests/Contract).</summary>
    private static HttpClient ValidatedClient(Uri baseAddress) =>
        new(new ValidatingHandler(ValidatingHandler.Suite, documentedOnly: true)) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public static string Token(string tenantId, string userId, params string[] permissions) =>
        DevelopmentTokens.Mint(new AuthOptions(), SigningKey, userId, tenantId, permissions, TimeSpan.FromHours(1));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_primaryOf is not null)
        {
            PrimarySilos.TryRemove(_primaryOf, out _);
        }
    }
}
