namespace Orleans.Bcp.Silo.Runtime;

/// <summary>
/// One activation: the grain instance, its states, and the turn that lets one call in at a time
/// (non-reentrant, as Orleans grains are by default).
/// </summary>
internal sealed class GrainActivation(GrainId id, object instance, IReadOnlyList<IStateHandle> states, TimeSpan? maxStateAge)
{
    private bool _loaded;

    public GrainId Id { get; } = id;

    public object Instance { get; } = instance;

    public SemaphoreSlim Turn { get; } = new(1, 1);

    /// <summary>Set once the activation is dropped; a caller that queued on it goes to a fresh one.</summary>
    public bool IsDeactivated { get; set; }

    public DateTimeOffset LastUsed { get; set; }

    /// <summary>Loads state on first use, and again when it is older than the grain's freshness bound.</summary>
    public async Task EnsureStateAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var state in states)
        {
            if (!_loaded || (maxStateAge is { } maxAge && now - state.LoadedAt >= maxAge))
            {
                await state.ReadStateAsync(cancellationToken);
            }
        }

        _loaded = true;
    }
}
