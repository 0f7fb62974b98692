namespace Orleans.Bcp.Silo.Hosting;

/// <summary>
/// Section <c>Cluster</c>: how this node joins its cluster. The profile follows the control store
/// (<c>Storage:Stores:control</c>, else <c>Storage:Default</c>): SQLite → embedded (one node,
/// localhost clustering), Blob → azure (Azure Table membership and reminders, Blob grain state).
/// </summary>
public sealed class BcpClusterOptions
{
    /// <summary>Nodes with the same cluster id on the same control store form one cluster.</summary>
    public string ClusterId { get; set; } = "bcp";

    /// <summary>Names the service across cluster ids (grain state and reminders are keyed by it).</summary>
    public string ServiceId { get; set; } = "orleans-bcp";

    /// <summary>The port silos talk to each other on; the only port a silo listens on (no node has a client gateway).</summary>
    public int SiloPort { get; set; } = 11111;

    /// <summary>
    /// The address other silos reach this one at (azure profile). Empty: the host's own address;
    /// loopback clusters (development, tests) set 127.0.0.1.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// Embedded profile only: the silo port of a silo on 127.0.0.1 whose in-memory membership this
    /// silo joins (several nodes on one machine, for development and tests). Empty: this silo is its own cluster.
    /// </summary>
    public int? PrimarySiloPort { get; set; }

    /// <summary>Mutual TLS between the silos (<c>Cluster:Tls</c>).</summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>
    /// How long a tenant's grain or a pair's audit grain stays activated once idle (Orleans keeps other grains 15
    /// minutes): both are cold once their pair is set up (<see cref="IdleCollection"/>). Orleans collects once a
    /// <c>Cluster:Collection:CollectionQuantum</c> (one minute), so an idle one goes within that much more; it must exceed the quantum.
    /// </summary>
    public TimeSpan ColdGrainsCollectionAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Whether the Orleans Dashboard is served at <c>/dashboard</c> (to <c>bcp.setup</c>); it costs throughput.</summary>
    public bool Dashboard { get; set; }
}
