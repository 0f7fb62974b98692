using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Tests.Infrastructure;

/// <summary>
/// Counts the writes that go through a <see cref="TappedStore"/> and can make one of them fail,
/// like a storage fault or a silo killed at that point. It also counts reads and listings, to show what a cache spares the store.
/// </summary>
public sealed class WriteTap
{
    private readonly Lock _lock = new();
    private readonly List<string> _written = [];
    private readonly List<string> _read = [];
    private readonly List<string> _listed = [];
    private readonly List<(string Key, long At)> _started = [];
    private Func<string, bool>? _faultFilter;
    private int _faultAfter = -1;
    private Func<string, bool>? _loseAnswer;
    private (Func<string, bool> Filter, TaskCompletionSource Gate)? _hold;
    private (Func<string, bool> Filter, TimeSpan Delay)? _slow;
    private int _held;
    private Func<string, bool>? _failReads;
    private readonly List<(IObjectStore Store, long At)> _pings = [];
    private IObjectStore? _refusePings;
    private (int Batches, int Objects) _batches;

    /// <summary>Every key written (create, replace, delete), in order.</summary>
    public IReadOnlyList<string> Written
    {
        get
        {
            lock (_lock)
            {
                return [.. _written];
            }
        }
    }

    /// <summary>The keys of matching writes that started (reached the store, held or not) after <paramref name="timestamp"/> (<see cref="System.Diagnostics.Stopwatch"/>).</summary>
    public IReadOnlyList<string> StartedAfter(long timestamp, Func<string, bool> filter)
    {
        lock (_lock)
        {
            return [.. _started.Where(write => write.At > timestamp && filter(write.Key)).Select(write => write.Key)];
        }
    }

    /// <summary>Writes waiting at a <see cref="HoldWrites"/> gate now.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Batches (<see cref="TappedBatchStore"/>) that reached a store, and how many objects they held.</summary>
    public (int Batches, int Objects) BatchWrites
    {
        get
        {
            lock (_lock)
            {
                return _batches;
            }
        }
    }

    internal void OnBatch(int objects)
    {
        lock (_lock)
        {
            _batches = (_batches.Batches + 1, _batches.Objects + objects);
        }
    }

    public int CountWrites(string keyPrefix) => Written.Count(key => key.StartsWith(keyPrefix, StringComparison.Ordinal));

    /// <summary>Reads of keys starting with <paramref name="keyPrefix"/> so far.</summary>
    public int CountReads(string keyPrefix)
    {
        lock (_lock)
        {
            return _read.Count(key => key.StartsWith(keyPrefix, StringComparison.Ordinal));
        }
    }

    /// <summary>Pages listed under prefixes starting with <paramref name="prefix"/> so far.</summary>
    public int CountLists(string prefix)
    {
        lock (_lock)
        {
            return _listed.Count(listed => listed.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    internal void OnList(string prefix)
    {
        lock (_lock)
        {
            _listed.Add(prefix);
        }
    }

    internal void OnRead(string key)
    {
        lock (_lock)
        {
            _read.Add(key);
            if (_failReads?.Invoke(key) == true)
            {
                throw new StoreUnavailableException($"Injected fault reading {key}.");
            }
        }
    }

    /// <summary>When each ping of <paramref name="store"/> started (<see cref="System.Diagnostics.Stopwatch"/> timestamps), in order.</summary>
    public IReadOnlyList<long> PingsOf(IObjectStore store)
    {
        lock (_lock)
        {
            return [.. _pings.Where(ping => ping.Store == store).Select(ping => ping.At)];
        }
    }

    /// <summary>Pings of <paramref name="store"/> answer "not reachable" until called again with null.</summary>
    public void RefusePings(IObjectStore? store)
    {
        lock (_lock)
        {
            _refusePings = store;
        }
    }

    /// <summary>Records the ping; false when the store is to answer "not reachable".</summary>
    internal bool OnPing(IObjectStore store)
    {
        lock (_lock)
        {
            _pings.Add((store, System.Diagnostics.Stopwatch.GetTimestamp()));
            return _refusePings != store;
        }
    }

    /// <summary>Matching reads fail with a store outage until called again with null.</summary>
    public void FailReads(Func<string, bool>? filter)
    {
        lock (_lock)
        {
            _failReads = filter;
        }
    }

    /// <summary>The write after <paramref name="writes"/> more matching writes fails (once) with a store outage.</summary>
    public void FailAfter(int writes, Func<string, bool> filter)
    {
        lock (_lock)
        {
            _faultAfter = writes;
            _faultFilter = filter;
        }
    }

    public bool FaultPending
    {
        get
        {
            lock (_lock)
            {
                return _faultAfter >= 0;
            }
        }
    }

    /// <summary>
    /// The next matching write lands, and its caller is told the store refused it (a conflict): what a Blob client does
    /// when it retries, with the old ETag, a write whose answer was lost.
    /// </summary>
    public void LoseAnswerOfNext(Func<string, bool> filter)
    {
        lock (_lock)
        {
            _loseAnswer = filter;
        }
    }

    /// <summary>Whether a write whose answer is to be lost has not come yet.</summary>
    public bool LostAnswerPending
    {
        get
        {
            lock (_lock)
            {
                return _loseAnswer is not null;
            }
        }
    }

    /// <summary>Whether the write of <paramref name="key"/> that just landed is to be answered with a conflict (once).</summary>
    internal bool TakeLostAnswer(string key)
    {
        lock (_lock)
        {
            if (_loseAnswer is null || !_loseAnswer(key))
            {
                return false;
            }

            _loseAnswer = null;
            return true;
        }
    }

    /// <summary>Matching writes wait until <see cref="ReleaseWrites"/>: keeps a run "running" for as long as a test needs.</summary>
    public void HoldWrites(Func<string, bool> filter)
    {
        lock (_lock)
        {
            _hold = (filter, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
    }

    /// <summary>Matching writes take <paramref name="delay"/> longer: a tenant whose copying lasts long enough to act while it runs.</summary>
    public void SlowWrites(Func<string, bool> filter, TimeSpan delay)
    {
        lock (_lock)
        {
            _slow = (filter, delay);
        }
    }

    public void ReleaseWrites()
    {
        lock (_lock)
        {
            _hold?.Gate.TrySetResult();
            _hold = null;
        }
    }

    internal async Task OnWriteAsync(string key)
    {
        Task? gate;
        TimeSpan? delay;
        lock (_lock)
        {
            _started.Add((key, System.Diagnostics.Stopwatch.GetTimestamp()));
            gate = _hold is { } hold && hold.Filter(key) ? hold.Gate.Task : null;
            delay = _slow is { } slow && slow.Filter(key) ? slow.Delay : null;
        }

        if (gate is not null)
        {
            Interlocked.Increment(ref _held);
            await gate;
            Interlocked.Decrement(ref _held);
        }

        if (delay is { } wait)
        {
            await Task.Delay(wait);
        }

        lock (_lock)
        {
            if (_faultFilter is not null && _faultFilter(key) && _faultAfter-- == 0)
            {
                _faultFilter = null;
                throw new StoreUnavailableException($"Injected fault writing {key}.");
            }

            _written.Add(key);
        }
    }
}
