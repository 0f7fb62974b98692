using Orleans.Bcp.Grains.Abstractions.Readiness;

namespace Orleans.Bcp.Grains.Readiness;

/// <summary>
/// Remembers a pair's latest readiness verdict. <see cref="RecordAsync"/> is where a change of verdict is
/// seen once for the whole cluster (each silo reports what it computed; this activation orders them).
/// </summary>
public sealed class ReadinessGrain : Grain, IReadinessGrain
{
    private VerdictChange? _latest;

    public Task<VerdictChange> RecordAsync(ReadinessVerdict verdict, DateTimeOffset checkedAt)
    {
        if (_latest is { } latest && checkedAt < latest.CheckedAt)
        {
            return Task.FromResult(latest with { Previous = null });
        }

        var previous = _latest is { } before && before.Verdict != verdict ? before.Verdict : (ReadinessVerdict?)null;
        _latest = new VerdictChange(verdict, checkedAt, previous);
        // A change from `previous` to `verdict` happened here: the place to raise a readiness.changed event.
        return Task.FromResult(_latest);
    }

    public Task<VerdictChange?> GetLatestAsync() => Task.FromResult(_latest);
}
