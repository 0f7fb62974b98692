using System.Globalization;
using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>
/// The loopback cluster of scripts/cluster.sh for the scale suite: a control Azurite (Blob and Table) and a Blob-only
/// Azurite per region, two Api nodes and one headless silo (Silo.Host), all silos of one cluster over mutual TLS
/// (the run's certificates, as the soak's nodes). Everything it started is stopped by <see cref="DisposeAsync"/>.
/// </summary>
internal sealed class ScaleCluster : IAsyncDisposable
{
    private const string Container = "bcp-scale";
    private const string SiloAssembly = "Orleans.Bcp.Silo.Host.dll";
    private static readonly TimeSpan HealthyTimeout = TimeSpan.FromSeconds(120);

    private readonly List<IAsyncDisposable> _started = [];
    private readonly Dictionary<string, string> _regionConnections = [];
    private AzuriteServer? _control;

    public List<ApiServer> ApiNodes { get; } = [];

    public ChildProcess? Silo { get; private set; }

    /// <summary>The stores as the nodes see them, for the harness's own loading.</summary>
    public StorageOptions Storage { get; private set; } = new();

    /// <summary>Every process of the cluster (Api nodes, headless silo) with its name, for memory and CPU.</summary>
    public IEnumerable<(string Name, int ProcessId, Func<TimeSpan> Cpu)> Processes =>
        ApiNodes.Select((node, i) => ($"api-{i + 1}", node.ProcessId, (Func<TimeSpan>)(() => node.TotalProcessorTime)))
            .Concat(Silo is { } silo ? [("silo (headless)", silo.Id, () => silo.TotalProcessorTime)] : []);

    public static async Task<ScaleCluster> StartAsync(
        BenchmarkEnvironment environment, IReadOnlyDictionary<string, string> apiSettings, CancellationToken cancellationToken)
    {
        var cluster = new ScaleCluster();
        try
        {
            await cluster.StartCoreAsync(environment, apiSettings, cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Nodes first (the last started first), so they do not spend their last seconds on stores that are gone.
        for (var i = _started.Count - 1; i >= 0; i--)
        {
            await _started[i].DisposeAsync();
        }
    }

    private async Task StartCoreAsync(BenchmarkEnvironment environment, IReadOnlyDictionary<string, string> apiSettings, CancellationToken cancellationToken)
    {
        _control = await AzuriteServer.StartAsync(cancellationToken);
        _started.Add(_control);
        Storage = new StorageOptions { Default = new StoreOptions { Provider = "blob", ConnectionString = _control.ConnectionString, Container = Container } };
        foreach (var region in SoakSettings.Regions)
        {
            var store = await AzuriteServer.StartOnDiskAsync($"azurite-scale-{region}", Path.Combine(environment.Temp.Path, "scale", region), Ports.FreeLoopbackPort(), null, cancellationToken);
            _started.Add(store);
            _regionConnections[region] = store.ConnectionString;
            Storage.Stores[region] = new StoreOptions { Provider = "blob", ConnectionString = store.ConnectionString, Container = Container };
        }

        var control = new ApiStorage(StoreKind.Azurite, Storage.Default);
        var nodeSettings = new Dictionary<string, string>(apiSettings);
        RegionStoreSettings.Add(nodeSettings, _regionConnections, Container);

        // Every node's silo port picked up front and distinct: a port picked while another node is still binding its own can repeat.
        var siloPorts = new HashSet<int>();
        while (siloPorts.Count < 3)
        {
            siloPorts.Add(Ports.FreeLoopbackPort());
        }

        var ports = siloPorts.ToArray();
        Silo = StartSilo(environment, control, nodeSettings, ports[0]);
        _started.Add(Silo);
        for (var i = 1; i <= 2; i++)
        {
            ApiServer node;
            try
            {
                node = await environment.StartApiAsync($"scale-api-{i}", control, null, cancellationToken, NodeSettings(nodeSettings, ports[i]));
            }
            catch (TimeoutException)
            {
                // A node joining the cluster on a busy shared machine can miss the start timeout once; a second miss is real.
                Log.Info($"scale cluster: scale-api-{i} was slow to start; starting it once more");
                node = await environment.StartApiAsync($"scale-api-{i}", control, null, cancellationToken, NodeSettings(nodeSettings, ports[i]));
            }

            ApiNodes.Add(node);
            await WaitUntilHealthyAsync(node, cancellationToken);
        }

        if (Silo.HasExited)
        {
            throw new InvalidOperationException($"The headless silo exited:{Environment.NewLine}{Silo.Output}");
        }
    }

    /// <summary>Silo.Host with the Api nodes' cluster and store settings (the environment's Api starter covers only the Api).</summary>
    private static Dictionary<string, string> NodeSettings(Dictionary<string, string> shared, int siloPort) =>
        new(shared) { ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture) };

    private static ChildProcess StartSilo(BenchmarkEnvironment environment, ApiStorage control, Dictionary<string, string> nodeSettings, int siloPort)
    {
        var folder = Path.Combine(RepositoryPaths.Root, "Silo.Host", "bin", "Release", "net10.0");
        var dll = Path.Combine(folder, SiloAssembly);
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The headless silo's build is missing ({dll}): dotnet build Orleans.Bcp.sln -c Release.");
        }

        var settings = new Dictionary<string, string>(control.ToEnvironment())
        {
            ["Cluster__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Cluster__AdvertisedAddress"] = "127.0.0.1",
            ["Cluster__ClusterId"] = control.Options.Container,
            ["Cluster__ServiceId"] = control.Options.Container,
        };
        foreach (var (key, value) in environment.Certificates.Settings.Concat(nodeSettings))
        {
            settings[key] = value;
        }

        return ChildProcess.Start("scale-silo", RepositoryPaths.DotnetHost, [dll, "--environment", "Production"], folder, settings);
    }

    private static async Task WaitUntilHealthyAsync(ApiServer node, CancellationToken cancellationToken)
    {
        if (!await ApiHealth.WaitAsync(node, HealthyTimeout, cancellationToken))
        {
            throw new TimeoutException($"{node.BaseAddress} did not answer /health 200 within {HealthyTimeout.TotalSeconds:0} s.");
        }
    }
}
