using System.Globalization;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The loopback cluster of scripts/cluster.sh, started by the harness: a control Azurite (Blob and Table:
/// membership, reminders, grain state, indexes) and one Blob-only Azurite per region, each on disk so a
/// restart keeps its data, and three Api nodes, all silos of one Orleans cluster (azure profile). Nodes
/// and stores can be stopped and started again on the same ports and folders. Everything it started is
/// stopped by <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class SoakCluster : IAsyncDisposable
{
    private const string Container = "bcp-soak";
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromSeconds(90);

    private readonly BenchmarkEnvironment _environment;
    private readonly SoakSettings _settings;
    private readonly Dictionary<string, AzuriteServer> _regionStores = [];
    private readonly Dictionary<string, int> _regionPorts = [];
    private readonly Dictionary<string, string> _regionConnections = [];
    private AzuriteServer? _control;

    private SoakCluster(BenchmarkEnvironment environment, SoakSettings settings)
    {
        _environment = environment;
        _settings = settings;
        Nodes = [.. Enumerable.Range(1, 3).Select(i => new SoakNode($"soak-api-{i}", Ports.FreeLoopbackPort(), Ports.FreeLoopbackPort()))];
        foreach (var region in SoakSettings.Regions)
        {
            _regionPorts[region] = Ports.FreeLoopbackPort();
        }
    }

    public IReadOnlyList<SoakNode> Nodes { get; }

    public static async Task<SoakCluster> StartAsync(BenchmarkEnvironment environment, SoakSettings settings, CancellationToken cancellationToken)
    {
        var cluster = new SoakCluster(environment, settings);
        try
        {
            cluster._control = await AzuriteServer.StartOnDiskAsync(
                "azurite-control", cluster.Folder("control"), Ports.FreeLoopbackPort(), Ports.FreeLoopbackPort(), cancellationToken);
            foreach (var region in SoakSettings.Regions)
            {
                await cluster.StartStoreAsync(region, cancellationToken);
            }

            foreach (var node in cluster.Nodes)
            {
                await cluster.StartNodeAsync(node, cancellationToken);
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>A live node chosen at random, or null when every node is down.</summary>
    public SoakNode? AnyLiveNode()
    {
        var live = Nodes.Where(node => node.IsUp).ToArray();
        return live.Length == 0 ? null : live[Random.Shared.Next(live.Length)];
    }

    /// <summary><c>kill -9</c> of the node's process (by its id); the load stops using it first.</summary>
    public async Task KillNodeAsync(SoakNode node)
    {
        var (server, client) = node.TakeDown();
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        client?.Dispose();
    }

    /// <summary>Starts the node again with the same ports and settings and waits until <c>/health</c> answers 200.</summary>
    public async Task StartNodeAsync(SoakNode node, CancellationToken cancellationToken)
    {
        var server = await _environment.StartApiAsync(
            node.Name, ControlStorage(), null, cancellationToken, NodeSettings(node), node.HttpPort);
        try
        {
            await WaitUntilHealthyAsync(node, server, cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        node.Started(server, _settings.RequestTimeout);
    }

    /// <summary>Stops a region's store (SIGTERM, so Azurite keeps what it acknowledged): the region is cut off.</summary>
    public async Task CutStoreAsync(string region, CancellationToken cancellationToken)
    {
        var store = _regionStores[region];
        _regionStores.Remove(region);
        await store.ShutDownAsync(cancellationToken);
    }

    /// <summary>Starts a region's store again, on its folder and port.</summary>
    public async Task StartStoreAsync(string region, CancellationToken cancellationToken)
    {
        var store = await AzuriteServer.StartOnDiskAsync($"azurite-{region}", Folder(region), _regionPorts[region], null, cancellationToken);
        _regionStores[region] = store;
        _regionConnections[region] = store.ConnectionString;
    }

    public async ValueTask DisposeAsync()
    {
        // Nodes first, so they do not spend their last seconds on a store that is gone.
        foreach (var node in Nodes)
        {
            await KillNodeAsync(node);
        }

        foreach (var store in _regionStores.Values)
        {
            await store.DisposeAsync();
        }

        if (_control is not null)
        {
            await _control.DisposeAsync();
        }
    }

    private string Folder(string store) => Path.Combine(_environment.Temp.Path, "soak", $"azurite-{store}");

    private ApiStorage ControlStorage() =>
        new(StoreKind.Azurite, new StoreOptions { Provider = "blob", ConnectionString = _control!.ConnectionString, Container = Container });

    /// <summary>scripts/cluster.sh's node settings, as environment variables; the membership flag only with <c>--fast-membership</c>.</summary>
    private Dictionary<string, string> NodeSettings(SoakNode node)
    {
        var settings = new Dictionary<string, string>(_settings.MembershipSettings)
        {
            ["Cluster__SiloPort"] = node.SiloPort.ToString(CultureInfo.InvariantCulture),
        };
        // The port is the region's for the whole run, whether its store is up or cut.
        RegionStoreSettings.Add(settings, _regionConnections, Container);

        return settings;
    }

    private static async Task WaitUntilHealthyAsync(SoakNode node, ApiServer server, CancellationToken cancellationToken)
    {
        if (!await ApiHealth.WaitAsync(server, HealthyTimeout, cancellationToken))
        {
            Log.Info($"soak: {node.Name} did not answer /health 200 within {HealthyTimeout.TotalSeconds:0} s; the load uses it anyway");
        }
    }
}
