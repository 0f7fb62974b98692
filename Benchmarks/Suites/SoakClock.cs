using System.Diagnostics;

namespace Orleans.Bcp.Benchmarks.Suites;

/// <summary>The load's time line: when it started, and waits for a point on it that end when the load does.</summary>
internal sealed class SoakClock(TimeSpan duration)
{
    private readonly Stopwatch _stopwatch = Stopwatch.StartNew();

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    public TimeSpan Elapsed => _stopwatch.Elapsed;

    public bool Running => _stopwatch.Elapsed < duration;

    /// <summary>Waits until <paramref name="at"/> into the load; false (at once, or at the load's end) when the load ends first.</summary>
    public async Task<bool> DelayUntilAsync(TimeSpan at, CancellationToken cancellationToken)
    {
        var wait = (at < duration ? at : duration) - _stopwatch.Elapsed;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, cancellationToken);
        }

        return at < duration && Running;
    }
}
