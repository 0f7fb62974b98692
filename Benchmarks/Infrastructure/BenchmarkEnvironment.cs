using System.Security.Cryptography;
using Orleans.Bcp.Api.Http;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// Everything a run starts — the Api hosts, Azurite, the temp folder — created on first need and
/// shared by the suites, and all stopped (processes by pid) and deleted when the run ends.
/// </summary>
internal sealed class BenchmarkEnvironment(bool pinCores) : IAsyncDisposable
{
    private const string ApiVariablePrefix = "BCP_BENCH_API_";
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(4);

    private readonly Dictionary<StoreKind, ApiServer> _apis = [];
    private readonly List<ApiServer> _started = [];
    private readonly List<AzuriteServer> _ownAzurites = [];
    private AzuriteServer? _azurite;
    private ClusterCertificates? _certificates;

    /// <summary>A throwaway signing key for this run; the hosts trust it, the harness mints tokens with it.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public TempFolder Temp { get; } = new();

    /// <summary>The run's cluster CA and node certificate (made on first use).</summary>
    public ClusterCertificates Certificates => _certificates ??= ClusterCertificates.Create(Temp);

    public async Task<AzuriteServer> GetAzuriteAsync(CancellationToken cancellationToken) =>
        _azurite ??= await AzuriteServer.StartAsync(cancellationToken);

    /// <summary>The Api on <paramref name="kind"/> that the suites share (started on first need).</summary>
    public async Task<ApiServer> GetApiAsync(StoreKind kind, CancellationToken cancellationToken)
    {
        if (_apis.TryGetValue(kind, out var existing))
        {
            existing.EnsureRunning();
            return existing;
        }

        var api = await StartApiAsync($"api-{kind.ToString().ToLowerInvariant()}", await NewStorageAsync(kind, "api", cancellationToken), null, cancellationToken);
        _apis[kind] = api;
        return api;
    }

    /// <summary>
    /// An Api of the caller's own, not shared with other suites (its memory and data are its alone),
    /// optionally another build of it (<paramref name="apiFolder"/>) or with more settings (<paramref name="more"/>, as
    /// environment variables); stopped when the run ends.
    /// </summary>
    public async Task<ApiServer> StartApiAsync(
        string name, ApiStorage storage, string? apiFolder, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? more = null,
        int? httpPort = null)
    {
        var settings = new Dictionary<string, string>(storage.ToEnvironment())
        {
            ["Auth__SigningKeys__0"] = SigningKey,
            // Every host is a silo of its own: its own ports; on Blob, a cluster per container (hosts sharing one form one cluster).
            ["Cluster__SiloPort"] = Ports.FreeLoopbackPort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            // The harness loads its data with one token as fast as the host takes it; the login service's limit stays the shipped one.
            ["RateLimits__Writes__Burst"] = "1000000",
            ["RateLimits__Writes__Refill"] = "1000000",
            ["RateLimits__Costly__Burst"] = "1000000",
            ["RateLimits__Costly__Refill"] = "1000000",
        };
        if (storage.Kind != StoreKind.Sqlite)
        {
            settings["Cluster__ClusterId"] = storage.Options.Container;
            settings["Cluster__ServiceId"] = storage.Options.Container;
            // The azure profile runs its silos over mutual TLS.
            foreach (var (key, value) in Certificates.Settings)
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in more ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        // BCP_BENCH_API_X=v in the harness's environment becomes X=v in the hosts' only (e.g. DOTNET_PerfMapEnabled for a profiler),
        // so the harness itself runs as usual.
        foreach (var (key, value) in Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(entry => ((string)entry.Key, (string?)entry.Value ?? "")).Where(entry => entry.Item1.StartsWith(ApiVariablePrefix, StringComparison.Ordinal)))
        {
            settings[key[ApiVariablePrefix.Length..]] = value;
        }

        var api = await ApiServer.StartAsync(name, settings, cancellationToken, apiFolder, pinCores, httpPort);
        _started.Add(api);
        return api;
    }

    /// <summary>
    /// Fresh data for a host: a SQLite file in the run's folder, or a container on the run's shared
    /// Azurite — or on an Azurite of its own (<paramref name="ownAzurite"/>): Azurite slows down with
    /// every blob the whole instance holds, so a suite that measures against it should not inherit
    /// the other suites' blobs.
    /// </summary>
    public async Task<ApiStorage> NewStorageAsync(StoreKind kind, string label, CancellationToken cancellationToken, bool ownAzurite = false)
    {
        if (kind == StoreKind.Sqlite)
        {
            return new ApiStorage(kind, new StoreOptions { Provider = "sqlite", Path = Temp.File($"{label}.db") });
        }

        AzuriteServer azurite;
        if (ownAzurite)
        {
            azurite = await AzuriteServer.StartAsync(cancellationToken);
            _ownAzurites.Add(azurite);
        }
        else
        {
            azurite = await GetAzuriteAsync(cancellationToken);
        }

        return new ApiStorage(kind, new StoreOptions { Provider = "blob", ConnectionString = azurite.ConnectionString, Container = $"bcp-benchmark-{label}" });
    }

    public string Token(string userId, string tenantId, params string[] permissions) =>
        DevelopmentTokens.Mint(new AuthOptions(), SigningKey, userId, tenantId, permissions, TokenLifetime);

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _started)
        {
            await api.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        foreach (var azurite in _ownAzurites)
        {
            await azurite.DisposeAsync();
        }

        Temp.Dispose();
    }
}
