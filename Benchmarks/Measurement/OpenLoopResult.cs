namespace Orleans.Bcp.Benchmarks.Measurement;

/// <summary>
/// One open-loop run: requests sent, failures, the latency of each success (from its scheduled start),
/// how long sending took, and how late the sender itself fell behind the schedule at worst.
/// </summary>
internal sealed record OpenLoopResult(int Sent, int Errors, double[] LatenciesMs, TimeSpan SendSpan, double MaxSenderLagMs, string? FirstError)
{
    public double SentPerSecond => SendSpan.TotalSeconds > 0 ? Sent / SendSpan.TotalSeconds : double.NaN;
}
