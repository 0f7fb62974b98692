using Orleans.Bcp.Tests.Infrastructure;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// Three Azurite processes — the control store and one store per region — for Api node processes
/// to share. The primary region (us-east) keeps its data on disk, so it can go down and come back.
/// </summary>
public sealed class RegionCluster : IAsyncDisposable
{
    private readonly TempFolder _folder;
    private readonly List<NodeProcess> _nodes = [];

    private RegionCluster(TempFolder folder, AzuriteInstance control, AzuriteInstance usEast, AzuriteInstance euWest)
    {
        _folder = folder;
        Control = control;
        UsEast = usEast;
        EuWest = euWest;
    }

    public AzuriteInstance Control { get; }

    public AzuriteInstance UsEast { get; }

    public AzuriteInstance EuWest { get; }

    public IReadOnlyList<NodeProcess> Nodes => _nodes;

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Storage:Default:Provider"] = "blob",
        ["Storage:Default:ConnectionString"] = Control.ConnectionString,
        ["Storage:Default:Container"] = "bcp",
        ["Storage:Stores:us-east:Provider"] = "blob",
        ["Storage:Stores:us-east:ConnectionString"] = UsEast.ConnectionString,
        ["Storage:Stores:us-east:Container"] = "bcp",
        ["Storage:Stores:eu-west:Provider"] = "blob",
        ["Storage:Stores:eu-west:ConnectionString"] = EuWest.ConnectionString,
        ["Storage:Stores:eu-west:Container"] = "bcp",
    };

    public static async Task<RegionCluster> StartAsync(int nodes)
    {
        var folder = new TempFolder();
        // The three stores start side by side: each is a node process that mostly waits while it starts.
        var stores = await Task.WhenAll(
            AzuriteInstance.StartNewAsync(),
            AzuriteInstance.StartNewAsync(Path.Combine(folder.Path, "us-east")),
            AzuriteInstance.StartNewAsync());
        var cluster = new RegionCluster(folder, stores[0], stores[1], stores[2]);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, nodes).Select(async _ =>
            {
                var node = await NodeProcess.StartApiAsync(cluster.Settings);
                lock (cluster._nodes)
                {
                    cluster._nodes.Add(node);
                }
            }));
            return cluster;
        }
        catch
        {
            // A node that did not start must not leave the stores (and the nodes that did) running.
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Control.DisposeAsync();
        await UsEast.DisposeAsync();
        await EuWest.DisposeAsync();
        _folder.Dispose();
    }
}
