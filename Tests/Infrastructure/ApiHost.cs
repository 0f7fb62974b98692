using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Bcp.Api.Auth;
using Orleans.Bcp.Api.Hosting;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// The real API on Kestrel, bound to a free loopback port, in the Production environment with a
/// test signing key. Several hosts on one store stand for several silos.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    private readonly WebApplication _app;

    private ApiHost(WebApplication app, Uri baseAddress, CapturedLogs logs)
    {
        _app = app;
        BaseAddress = baseAddress;
        Logs = logs;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
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
    public static Task<ApiHost> StartAsync(
        StoreSetup store,
        TimeProvider? time = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<WebApplication>? mapMore = null,
        Action<IServiceCollection>? services = null) =>
        StartCoreAsync(["--Auth:SigningKeys:0", SigningKey], store, time, settings, mapMore, services);

    /// <summary>Starts a host whose only signing settings are <paramref name="settings"/>.</summary>
    public static Task<ApiHost> StartWithoutTestKeyAsync(StoreSetup store, IReadOnlyDictionary<string, string?> settings) =>
        StartCoreAsync([], store, null, settings, null, null);

    private static async Task<ApiHost> StartCoreAsync(
        string[] signing, StoreSetup store, TimeProvider? time, IReadOnlyDictionary<string, string?>? settings, Action<WebApplication>? mapMore, Action<IServiceCollection>? services)
    {
        var args = new List<string> { "--environment", "Production", "--urls", "http://127.0.0.1:0" };
        args.AddRange(signing);
        foreach (var (key, value) in store.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            args.Add($"--{key}={value}");
        }

        var logs = new CapturedLogs();
        var app = BcpApi.Build([.. args], builder =>
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
            if (time is not null)
            {
                builder.Services.AddSingleton(time);
            }

            services?.Invoke(builder.Services);
        });
        mapMore?.Invoke(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new ApiHost(app, new Uri(address), logs);
    }

    /// <summary>A client whose requests carry a token for the given user, tenant and permissions.</summary>
    public HttpClient ClientFor(string tenantId, string userId, params string[] permissions)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(tenantId, userId, permissions));
        return client;
    }

    public static string Token(string tenantId, string userId, params string[] permissions) =>
        DevelopmentTokens.Mint(new AuthOptions(), SigningKey, userId, tenantId, permissions, TimeSpan.FromHours(1));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
