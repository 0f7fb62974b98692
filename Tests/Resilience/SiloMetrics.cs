using System.Globalization;

namespace Orleans.Bcp.Tests.Resilience;

/// <summary>
/// What a node says about itself on <c>/metrics</c> (Prometheus text): from Orleans' meter, which grains its silo
/// holds, how many silos its ring counts and the reminder ticks its reminder service delivers; from the product's,
/// the sync runs that ended on it.
/// </summary>
public sealed class SiloMetrics
{
    private const string Prefix = "microsoft_orleans_orleans_";

    private readonly IReadOnlyList<(string Name, string Labels, double Value)> _samples;

    private SiloMetrics(IReadOnlyList<(string Name, string Labels, double Value)> samples) => _samples = samples;

    /// <summary>Silos this node's consistent ring holds: drops when the cluster has declared a silo dead.</summary>
    public int RingSize => (int)Sum("consistent_ring_size");

    /// <summary>
    /// Reminder ticks this node's reminder service has delivered since it started: it grows on the node that owns a
    /// ticking reminder. (Orleans' <c>reminders-active</c> gauge is no such signal: it keeps an unregistered reminder
    /// until the service next reads the reminder table.)
    /// </summary>
    public long RemindersTicksDelivered => (long)Sum("reminders_ticks_delivered");

    public static async Task<SiloMetrics> ReadAsync(NodeProcess node)
    {
        using var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        var text = await client.GetStringAsync("/metrics");
        var samples = new List<(string, string, double)>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var space = line.LastIndexOf(' ');
            if (space < 0 || !double.TryParse(line[(space + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                // Not a sample, or a value such as +Inf that none of these figures has.
                continue;
            }

            var series = line[..space];
            var brace = series.IndexOf('{', StringComparison.Ordinal);
            samples.Add(brace < 0 ? (series, "", value) : (series[..brace], series[brace..], value));
        }

        return new SiloMetrics(samples);
    }

    /// <summary>Polls until every one of <paramref name="nodes"/> counts <paramref name="size"/> silos in its ring; fails after 60 s.</summary>
    /// <param name="nodes">The Api nodes asked (a headless node has no <c>/metrics</c>).</param>
    /// <param name="size">The ring size waited for.</param>
    /// <param name="detail">More to say if it fails (e.g. another node's output).</param>
    public static async Task WaitForRingAsync(IReadOnlyList<NodeProcess> nodes, int size, Func<string>? detail = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var sizes = await Task.WhenAll(nodes.Select(async node => (await ReadAsync(node)).RingSize));
            if (sizes.All(s => s == size))
            {
                return;
            }

            Assert.IsTrue(DateTime.UtcNow < deadline, $"the nodes did not all see {size} silos: {string.Join(", ", sizes)}. {detail?.Invoke()}");
            await Task.Delay(200);
        }
    }

    /// <summary>Sync runs of one trigger and outcome that ended on this node (a run executes beside its sync grain's activation).</summary>
    public int SyncRunsEnded(string trigger, string outcome) => (int)_samples
        .Where(sample => sample.Name.EndsWith("bcp_sync_runs", StringComparison.Ordinal) || sample.Name.EndsWith("bcp_sync_runs_total", StringComparison.Ordinal))
        .Where(sample => sample.Labels.Contains($"trigger=\"{trigger}\"", StringComparison.Ordinal) && sample.Labels.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
        .Sum(sample => sample.Value);

    /// <summary>Activations of one grain type on this node (Orleans names <c>TenantPairGrain</c> <c>tenantpair</c>).</summary>
    public int Activations(string grainType) => (int)Sum("catalog_activations", $"grain_type=\"{grainType}\"");

    /// <summary>The application's grain types this node holds activations of, with their counts (system targets left out).</summary>
    public string ApplicationActivations() => string.Join(", ", _samples
        .Where(sample => sample.Name == Prefix + "catalog_activations" && !sample.Labels.Contains("\"sys.", StringComparison.Ordinal) && sample.Value > 0)
        .Select(sample => $"{sample.Labels.Trim('{', '}')}: {sample.Value.ToString(CultureInfo.InvariantCulture)}"));

    private double Sum(string name, string? label = null) => _samples
        .Where(sample => sample.Name == Prefix + name && (label is null || sample.Labels.Contains(label, StringComparison.Ordinal)))
        .Sum(sample => sample.Value);
}
