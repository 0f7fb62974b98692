using System.Diagnostics;
using System.Diagnostics.Metrics;
using Orleans.Bcp.Grains.Pairs;

namespace Orleans.Bcp.Silo.Diagnostics;

/// <summary>
/// The product's own instruments on the <c>Orleans.Bcp</c> meter. HTTP request counts and latency
/// per route come from ASP.NET Core's built-in <c>http.server.request.duration</c>; both are exported
/// at <c>/metrics</c> (Prometheus text) and readable with <c>dotnet-counters</c>.
/// </summary>
public sealed class BcpMetrics : IDisposable
{
    public const string MeterName = "Orleans.Bcp";

    private readonly Meter _meter;
    private readonly Counter<long> _switches;
    private readonly Counter<long> _lockouts;
    private readonly Counter<long> _syncRuns;
    private readonly Histogram<double> _syncRunDuration;
    private readonly Counter<long> _rateLimited;

    public BcpMetrics(IMeterFactory meters, PasskeyHashing hashing)
    {
        _meter = meters.Create(MeterName);
        _meter.CreateObservableGauge("bcp.passkey.checks.waiting", () => hashing.Waiting, "{check}",
            "Passkey checks (switches, drills) waiting for a core: the node hashes on at most half of its cores at once.");
        _switches = _meter.CreateCounter<long>("bcp.switch.attempts", "{attempt}", "Switch requests by outcome (switched, already-active, passkey-invalid, locked-out, approval-requested, request-pending).");
        _lockouts = _meter.CreateCounter<long>("bcp.switch.lockouts", "{lockout}", "Locks set after too many wrong passkeys (a caller's or the pair's).");
        _syncRuns = _meter.CreateCounter<long>("bcp.sync.runs", "{run}", "Sync runs by trigger and outcome.");
        _syncRunDuration = _meter.CreateHistogram<double>("bcp.sync.run.duration", "s", "Wall time of sync runs.");
        _rateLimited = _meter.CreateCounter<long>("bcp.requests.rate_limited", "{request}", "Requests refused with 429 because their caller was over a rate limit, by limit (writes, costly, login-service).");
    }

    public void SwitchAttempted(string outcome) => _switches.Add(1, new KeyValuePair<string, object?>("outcome", outcome));

    public void PairLocked() => _lockouts.Add(1);

    public void SyncRunEnded(string trigger, string outcome, TimeSpan duration)
    {
        var tags = new TagList { { "trigger", trigger }, { "outcome", outcome } };
        _syncRuns.Add(1, tags);
        _syncRunDuration.Record(duration.TotalSeconds, tags);
    }

    public void RequestRateLimited(string limit) => _rateLimited.Add(1, new KeyValuePair<string, object?>("limit", limit));

    public void Dispose() => _meter.Dispose();
}
