namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>What one wrk run printed: throughput, latency percentiles (of all responses), non-2xx answers and socket errors.</summary>
internal sealed record WrkResult(double PerSecond, long Requests, double P50Ms, double P99Ms, long Non2xx, long SocketErrors)
{
    public long Errors => Non2xx + SocketErrors;
}
