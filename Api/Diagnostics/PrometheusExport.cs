using Prometheus;

namespace Orleans.Bcp.Api.Diagnostics;

/// <summary>
/// Publishes every .NET meter at <c>/metrics</c> from the start. prometheus-net's default adapter
/// starts listening only at the first scrape, so counts before it would be lost; this one starts
/// with the process (once: the registry is process-wide).
/// </summary>
internal static class PrometheusExport
{
    private static readonly Lazy<IDisposable> Listener = new(() =>
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        return MeterAdapter.StartListening();
    });

    public static void Start() => _ = Listener.Value;
}
