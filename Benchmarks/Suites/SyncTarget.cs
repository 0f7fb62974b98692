using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Grains.Abstractions.Config;
using Orleans.Bcp.Silo.Config;
using Orleans.Bcp.Demo;
using Orleans.Bcp.Silo.Freshness;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// One store under the sync suite: its own Api host, a pair on it, and the harness's own view of the
/// same data (a store provider on the same SQLite file or Azurite container) to load the primary
/// tenant, measure raw creates and list the BCP tenant's keys.
/// </summary>
internal sealed class SyncTarget(StoreKind kind, ApiServer api, ObjectStoreProvider stores, BenchPair pair, HttpClient client)
{
    /// <summary>The regions <see cref="ApiCalls.CreatePairAsync"/> gives the two tenants.</summary>
    public const string PrimaryRegion = "us-east";
    public const string BcpRegion = "eu-west";

    public StoreKind Kind { get; } = kind;

    /// <summary>Whether the host runs the baseline build (<c>--baseline-api</c>).</summary>
    public bool IsBaseline { get; init; }

    public string Name => (Kind == StoreKind.Sqlite ? "SQLite" : "Azurite") + (IsBaseline ? " (baseline)" : "");

    public ApiServer Api { get; } = api;

    public BenchPair Pair { get; } = pair;

    /// <summary>A primary-tenant admin with <c>bcp.sync.edit</c>.</summary>
    public HttpClient Client { get; } = client;

    public StoreTenantConfiguration Configuration { get; } = new(stores, new ChangeStamps(stores, TimeProvider.System));

    public TenantLocation Primary => new(Pair.PrimaryTenantId, PrimaryRegion);

    /// <summary>The store holding the BCP tenant's configuration, and the prefix of its keys (Silo/Config/StoreTenantConfiguration.cs).</summary>
    public IObjectStore BcpStore { get; } = stores.Get(BcpRegion);

    public string BcpPrefix => $"config/{Pair.BcpTenantId}/";

    public ReferenceTenantSummary? Tenant { get; set; }

    public TimeSpan LoadTime { get; set; }

    public List<RawCreateSample> RawCreates { get; } = [];

    public Dictionary<string, SyncRunResult> Runs { get; } = [];

    public int Changed { get; set; }
}
