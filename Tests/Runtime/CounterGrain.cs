using Orleans.Bcp.Grains.Runtime;

namespace Orleans.Bcp.Tests.Runtime;

public sealed class CounterGrain : ICounterGrain
{
    private readonly IPersistentState<CounterState> _counter;
    private readonly CounterProbe _probe;

    public CounterGrain([PersistentState("counter", StorageNames.Control)] IPersistentState<CounterState> counter, CounterProbe probe)
    {
        _counter = counter;
        _probe = probe;
        Interlocked.Increment(ref probe.Activations);
    }

    public async Task<int> IncrementAsync()
    {
        _probe.Enter();
        try
        {
            await Task.Yield();
            _counter.State.Count++;
            if (_probe.BeforeWrite is { } beforeWrite)
            {
                await beforeWrite();
            }

            await _counter.WriteStateAsync();
            return _counter.State.Count;
        }
        finally
        {
            _probe.Leave();
        }
    }

    public Task<int> GetAsync() => Task.FromResult(_counter.State.Count);
}
