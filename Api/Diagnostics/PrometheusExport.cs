using Orleans.Bcp.Silo.Diagnostics;
using Prometheus;

namespace Orleans.Bcp.Api.Diagnostics;

/// <summary>
/// Publishes the product's meter, Orleans' (activations, grain calls, storage, reminders, membership), ASP.NET Core's request duration and the runtime's at <c>/metrics</c> from the start. prometheus-net's default adapter
/// starts listening only at the first scrape, so counts before it would be lost; this one starts
/// with the process (once: the registry is process-wide).
/// </summary>
internal static class PrometheusExport
{
    private static readonly HashSet<string> ExportedMeters = [BcpMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "System.Runtime"];

    private static readonly Lazy<IDisposable> Listener = new(() =>
    {
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions { SuppressMeters = true });
        // Only what operators read: every other meter (Kestrel's connections, HttpClient's, routing's)
        // costs CPU on each request for figures nobody scrapes.
        return MeterAdapter.StartListening(new MeterAdapterOptions
        {
            InstrumentFilterPredicate = instrument => ExportedMeters.Contains(instrument.Meter.Name),
        });
    });

    public static void Start() => _ = Listener.Value;
}
