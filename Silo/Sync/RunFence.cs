using Orleans.Bcp.Grains.Abstractions.Pairs;
using Orleans.Bcp.Grains.Abstractions.Sync;
using Orleans.Bcp.Grains.Abstractions.Tenants;
using Orleans.Bcp.Grains.Sync;
using Orleans.Bcp.Silo.Freshness;

namespace Orleans.Bcp.Silo.Sync;

/// <summary>
/// One run's fence. The run may write while (a) the pair, as this silo keeps it (<see cref="PairStateCache"/>, pushed by the
/// pair on every switch, so reading it costs no call), is still at the epoch the run started at, on the primary; and (b) the
/// run is still the sync grain's current run (<see cref="SyncRunToken"/>): asked before each batch, and before a write when
/// the last answer is older than <see cref="CurrencyRecheck"/>, so a worker that was held stops at its first write after.
/// Once either fails the fence stays shut, <see cref="Stopped"/> is cancelled, and every later check throws.
/// </summary>
public sealed class RunFence : IRunFence
{
    /// <summary>How old a "still current" answer may be at a write: a takeover is seen within this of the worker's next write.</summary>
    public static readonly TimeSpan CurrencyRecheck = TimeSpan.FromMilliseconds(200);

    private readonly PairStateCache _pairs;
    private readonly ISyncReminderGrain _sync;
    private readonly string _pairId;
    private readonly long _epoch;
    private readonly SyncRunToken _run;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private SyncCancelReason? _reason;
    private long _currentAsOf;
    private Task? _asking;

    /// <param name="pairs">This silo's kept pair states.</param>
    /// <param name="sync">The pair's sync grain.</param>
    /// <param name="pairId">The pair.</param>
    /// <param name="epoch">The pair's epoch when the run read the pair at its start (on the primary).</param>
    /// <param name="run">The run, as the sync grain began it.</param>
    /// <param name="time">The clock.</param>
    public RunFence(PairStateCache pairs, ISyncReminderGrain sync, string pairId, long epoch, SyncRunToken run, TimeProvider time)
    {
        _pairs = pairs;
        _sync = sync;
        _pairId = pairId;
        _epoch = epoch;
        _run = run;
        _time = time;
        _currentAsOf = time.GetTimestamp();
    }

    /// <summary>Cancelled when the fence shuts: stops the run's parallel loops from starting more work.</summary>
    public CancellationToken Stopped => _stop.Token;

    /// <summary>Why the fence shut; null while the run may write.</summary>
    public SyncCancelReason? Reason
    {
        get
        {
            lock (_lock)
            {
                return _reason;
            }
        }
    }

    public async ValueTask BeforeBatchAsync()
    {
        await CheckPairAsync();
        await AskSyncAsync();
    }

    public ValueTask BeforeWriteAsync()
    {
        var pair = _pairs.PairAsync(_pairId);
        if (!pair.IsCompletedSuccessfully || _time.GetElapsedTime(Interlocked.Read(ref _currentAsOf)) >= CurrencyRecheck)
        {
            return SlowAsync(pair);
        }

        Check(pair.Result);
        return ValueTask.CompletedTask;

        async ValueTask SlowAsync(ValueTask<PairStatus?> reading)
        {
            Check(await reading);
            if (_time.GetElapsedTime(Interlocked.Read(ref _currentAsOf)) >= CurrencyRecheck)
            {
                await AskSyncAsync();
            }
        }
    }

    /// <summary>A heartbeat's answer: not current means another run took this one over.</summary>
    public void Heartbeat(bool current)
    {
        if (current)
        {
            Interlocked.Exchange(ref _currentAsOf, _time.GetTimestamp());
        }
        else
        {
            Shut(SyncCancelReason.TakenOver);
        }
    }

    /// <summary>Throws if the fence is shut.</summary>
    public void ThrowIfShut()
    {
        if (Reason is { } reason)
        {
            throw new RunFencedException(reason);
        }
    }

    private async ValueTask CheckPairAsync() => Check(await _pairs.PairAsync(_pairId));

    private void Check(PairStatus? pair)
    {
        ThrowIfShut();
        var status = pair ?? throw new InvalidOperationException($"Pair {_pairId} does not exist.");
        // Only a later epoch is news: a kept state behind the one read at the start is a push still on its way.
        if (status.Epoch > _epoch)
        {
            Shut(status.ActiveSide == PairRole.Bcp ? SyncCancelReason.BcpActivated : SyncCancelReason.Switched);
            ThrowIfShut();
        }
    }

    /// <summary>Asks the sync grain whether the run is still current; concurrent askers share one call.</summary>
    private async ValueTask AskSyncAsync()
    {
        Task asking;
        lock (_lock)
        {
            asking = _asking ??= AskOnceAsync();
        }

        try
        {
            await asking;
        }
        finally
        {
            lock (_lock)
            {
                if (ReferenceEquals(_asking, asking))
                {
                    _asking = null;
                }
            }
        }

        ThrowIfShut();
    }

    private async Task AskOnceAsync()
    {
        var asked = _time.GetTimestamp();
        if (await _sync.IsCurrentAsync(_run))
        {
            Interlocked.Exchange(ref _currentAsOf, asked);
        }
        else
        {
            Shut(SyncCancelReason.TakenOver);
        }
    }

    private void Shut(SyncCancelReason reason)
    {
        lock (_lock)
        {
            // The first reason stays: it is why the run stopped.
            _reason ??= reason;
        }

        // Not disposed: a heartbeat still on its way may shut the fence after the run ended.
        _stop.Cancel();
    }
}
