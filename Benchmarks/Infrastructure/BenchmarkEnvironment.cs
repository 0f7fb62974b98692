using System.Security.Cryptography;
using Orleans.Bcp.Api.Auth;

namespace Orleans.Bcp.Benchmarks.Infrastructure;

/// <summary>
/// Everything a run starts — the Api hosts, Azurite, the temp folder — created on first need and
/// shared by the suites, and all stopped (processes by pid) and deleted when the run ends.
/// </summary>
internal sealed class BenchmarkEnvironment : IAsyncDisposable
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(4);

    private readonly Dictionary<StoreKind, ApiServer> _apis = [];
    private AzuriteServer? _azurite;

    /// <summary>A throwaway signing key for this run; the hosts trust it, the harness mints tokens with it.</summary>
    public string SigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public TempFolder Temp { get; } = new();

    public async Task<AzuriteServer> GetAzuriteAsync(CancellationToken cancellationToken) =>
        _azurite ??= await AzuriteServer.StartAsync(cancellationToken);

    public async Task<ApiServer> GetApiAsync(StoreKind kind, CancellationToken cancellationToken)
    {
        if (_apis.TryGetValue(kind, out var existing))
        {
            existing.EnsureRunning();
            return existing;
        }

        var settings = new Dictionary<string, string> { ["Auth__SigningKeys__0"] = SigningKey };
        if (kind == StoreKind.Sqlite)
        {
            settings["Storage__Default__Provider"] = "sqlite";
            settings["Storage__Default__Path"] = Temp.File("api.db");
        }
        else
        {
            var azurite = await GetAzuriteAsync(cancellationToken);
            settings["Storage__Default__Provider"] = "blob";
            settings["Storage__Default__ConnectionString"] = azurite.ConnectionString;
            settings["Storage__Default__Container"] = "bcp-benchmark-api";
        }

        var api = await ApiServer.StartAsync($"api-{kind.ToString().ToLowerInvariant()}", settings, cancellationToken);
        _apis[kind] = api;
        return api;
    }

    public string Token(string userId, string tenantId, params string[] permissions) =>
        DevelopmentTokens.Mint(new AuthOptions(), SigningKey, userId, tenantId, permissions, TokenLifetime);

    public async ValueTask DisposeAsync()
    {
        foreach (var api in _apis.Values)
        {
            await api.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Temp.Dispose();
    }
}
