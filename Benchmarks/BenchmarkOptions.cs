using Orleans.Bcp.Benchmarks.Infrastructure;
using Orleans.Bcp.Benchmarks.Suites;
using Orleans.Bcp.Demo;

namespace Orleans.Bcp.Benchmarks;

/// <summary>
/// What to run and for how long. Every suite interleaves the things it compares in rounds, because
/// this machine is small (2 cores) and shared: a slow minute then hits both sides alike.
/// </summary>
internal sealed record BenchmarkOptions(IReadOnlySet<Suite> Suites, bool Quick, string? BaselineApiFolder = null, bool PinCores = false)
{
    public const string Usage =
        "usage: dotnet run -c Release --project Benchmarks -- [all|http|switch|storage|sync|hotpaths|propagation|readiness]... [--quick] [--pin] [--baseline-api FOLDER] [--switch-loaded] [--sqlite-only]\n" +
        "       dotnet run -c Release --project Benchmarks -- effective --url API_NODE [--url API_NODE]... [--quick]   (a running cluster, e.g. scripts/cluster.sh)\n" +
        "       dotnet run -c Release --project Benchmarks -- soak [--minutes N] [--fast-membership]   (a loopback cluster of its own, with faults)\n" +
        "       dotnet run -c Release --project Benchmarks -- cluster-tls [--quick]   (two loopback clusters of its own: mutual TLS and plaintext)\n" +
        "       dotnet run -c Release --project Benchmarks -- scale [embedded|cluster] [--quick] [--users N] [--pairs N] [--storm N] [--rate R] [--budget-minutes N] [--kept-bound-mb N]";

    /// <summary>The switch suite on a large tenant with sync runs in flight (Benchmarks/Suites/SwitchLoad.cs) instead of empty pairs.</summary>
    public bool SwitchLoaded { get; init; }

    /// <summary>The sync suite on SQLite only (<c>--sqlite-only</c>): no Azurite target, a run of a few minutes.</summary>
    public bool SqliteOnly { get; init; }

    /// <summary>The Api nodes of a running cluster, for the <see cref="Suite.Effective"/> suite.</summary>
    public IReadOnlyList<Uri> ClusterUrls { get; init; } = [];

    /// <summary>Switches the effective suite measures on the cluster, after a few unmeasured ones.</summary>
    public int EffectSwitches => Quick ? 10 : 100;

    public int EffectWarmup => Quick ? 1 : 5;

    /// <summary>How long the soak's load runs (<c>--minutes</c>); a recorded run needs at least 10.</summary>
    public int SoakMinutes { get; init; } = 10;

    /// <summary>
    /// The soak's nodes use the tests' fast failure detection (<c>--fast-membership</c>) instead of the
    /// product's own <c>Cluster:Membership</c> defaults.
    /// </summary>
    public bool SoakFastMembership { get; init; }

    /// <summary>The scale suite's sizes (<c>--users</c>, <c>--pairs</c>, ...; see <see cref="ScaleSettings"/>).</summary>
    public ScaleSettings Scale { get; init; } = new();

    public int HttpWorkers => 32;

    public int HttpRounds => Quick ? 3 : 5;

    public TimeSpan HttpWarmup => Quick ? TimeSpan.FromSeconds(0.5) : TimeSpan.FromSeconds(3);

    public TimeSpan HttpRoundDuration => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    public int SwitchRounds => Quick ? 3 : 5;

    public int SwitchesPerRound => Quick ? 4 : 40;

    public int SwitchWarmup => Quick ? 1 : 4;

    public int Pbkdf2PerRound => Quick ? 2 : 20;

    /// <summary>Switches the propagation suite measures (alternating the node that switches), after a few unmeasured ones.</summary>
    public int PropagationSwitches => Quick ? 20 : 200;

    public int PropagationWarmup => Quick ? 2 : 10;

    public int ClusterTlsRounds => Quick ? 3 : 7;

    /// <summary>Reads per round and cluster, half through each node.</summary>
    public int ClusterTlsCallsPerRound => Quick ? 40 : 400;

    public int ClusterTlsSwitchesPerRound => Quick ? 4 : 20;

    public int StorageRounds => Quick ? 3 : 5;

    public TimeSpan StorageWarmup => Quick ? TimeSpan.FromSeconds(0.1) : TimeSpan.FromSeconds(0.5);

    public TimeSpan StorageRoundDuration => Quick ? TimeSpan.FromSeconds(0.3) : TimeSpan.FromSeconds(2);

    public int StorageWriters => 16;

    public int PayloadBytes => 1024;

    /// <summary>
    /// The share of the reference tenant the sync suite copies on a store. Azurite gets a quarter: its
    /// in-memory metadata store (LokiJS) finds a blob by scanning, so every operation slows down as the
    /// account fills (creates: ~550/s under 2,000 blobs, ~110/s past 10,000, on this machine), and at
    /// 44,000+ blobs requests time out. That is the emulator, not Blob Storage; docs/benchmarks.md.
    /// </summary>
    public double SyncTenantScale(StoreKind store) => Quick ? 0.05 : store == StoreKind.Azurite ? 0.25 : 1.0;

    public ReferenceTenantSize SyncTenantSize(StoreKind store) =>
        SyncTenantScale(store) == 1.0 ? ReferenceTenantSize.Reference : ReferenceTenantSize.Reference.Scaled(SyncTenantScale(store));

    /// <summary>Concurrent raw creates: the sync engine's own write parallelism (Grains/Sync/SyncEngine.cs), so the ratio compares like with like.</summary>
    public int SyncRawWriters => 16;

    public TimeSpan SyncRawDuration => Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);

    public TimeSpan SyncPollInterval => TimeSpan.FromMilliseconds(100);

    public TimeSpan SyncRunTimeout => TimeSpan.FromMinutes(30);

    /// <summary>Share of the primary's synced entities the last phase changes (spread over every type).</summary>
    public double SyncChangeFraction => 0.01;

    public bool Includes(Suite suite) => Suites.Contains(suite);

    // The effective suite needs a running cluster; the soak takes ten minutes and more; cluster-tls starts four nodes of its own.
    private static bool IsInAll(Suite suite) => suite is not (Suite.Effective or Suite.Soak or Suite.ClusterTls or Suite.ScaleCluster);

    public static bool TryParse(string[] args, out BenchmarkOptions options, out string? error)
    {
        var suites = new HashSet<Suite>();
        var quick = false;
        var pin = false;
        string? baseline = null;
        var urls = new List<Uri>();
        var minutes = 10;
        var fastMembership = false;
        var switchLoaded = false;
        var sqliteOnly = false;
        var scale = new ScaleSettings();
        error = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (ScaleSettings.TryParseFlag(args, ref i, scale, out scale, out var scaleError))
            {
                error ??= scaleError;
                continue;
            }

            switch (args[i].ToLowerInvariant())
            {
                case "--quick":
                    quick = true;
                    break;
                case "--pin":
                    // Api hosts on core 0, the harness (the load generator) on core 1: the generator's CPU cannot flatter a slow endpoint.
                    pin = true;
                    break;
                case "--baseline-api" when i + 1 < args.Length:
                    // Another build's output folder (with Orleans.Bcp.Api.dll): the http suite measures it side by side.
                    baseline = Path.GetFullPath(args[++i]);
                    break;
                case "--url" when i + 1 < args.Length && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var url):
                    urls.Add(url);
                    i++;
                    break;
                case "--minutes" when i + 1 < args.Length && int.TryParse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var parsed) && parsed > 0:
                    minutes = parsed;
                    i++;
                    break;
                case "--minutes":
                    error = "--minutes needs a whole number of minutes, at least 1";
                    i++;
                    break;
                case "--fast-membership":
                    fastMembership = true;
                    break;
                case "--switch-loaded":
                    switchLoaded = true;
                    break;
                case "--sqlite-only":
                    sqliteOnly = true;
                    break;
                case "all":
                    suites.UnionWith(Enum.GetValues<Suite>().Where(IsInAll));
                    break;
                case "soak":
                    suites.Add(Suite.Soak);
                    break;
                case "cluster-tls":
                    suites.Add(Suite.ClusterTls);
                    break;
                case "scale" when i + 1 < args.Length && args[i + 1].Equals("embedded", StringComparison.OrdinalIgnoreCase):
                    suites.Add(Suite.ScaleEmbedded);
                    i++;
                    break;
                case "scale" when i + 1 < args.Length && args[i + 1].Equals("cluster", StringComparison.OrdinalIgnoreCase):
                    suites.Add(Suite.ScaleCluster);
                    i++;
                    break;
                case "scale":
                    suites.UnionWith([Suite.ScaleEmbedded, Suite.ScaleCluster]);
                    break;
                case "effective":
                    suites.Add(Suite.Effective);
                    break;
                case "http":
                    suites.Add(Suite.Http);
                    break;
                case "switch":
                    suites.Add(Suite.Switch);
                    break;
                case "storage":
                    suites.Add(Suite.Storage);
                    break;
                case "sync":
                    suites.Add(Suite.Sync);
                    break;
                case "hotpaths":
                    suites.Add(Suite.HotPaths);
                    break;
                case "propagation":
                    suites.Add(Suite.Propagation);
                    break;
                case "readiness":
                    suites.Add(Suite.Readiness);
                    break;
                default:
                    error ??= $"unknown argument '{args[i]}'";
                    break;
            }
        }

        if (suites.Count == 0)
        {
            suites.UnionWith(Enum.GetValues<Suite>().Where(IsInAll));
        }

        options = new BenchmarkOptions(suites, quick, baseline, pin) { ClusterUrls = urls, SoakMinutes = minutes, SoakFastMembership = fastMembership, SwitchLoaded = switchLoaded, SqliteOnly = sqliteOnly, Scale = scale };
        return error is null;
    }
}
