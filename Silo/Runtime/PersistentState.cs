using Orleans.Bcp.Grains.Runtime;
using Orleans.Bcp.Silo.Storage;

namespace Orleans.Bcp.Silo.Runtime;

/// <summary>
/// Grain state in an <see cref="IObjectStore"/>: first write If-None-Match: *, later writes If-Match;
/// the new ETag is taken only after a successful write (as Orleans' AzureBlobGrainStorage does).
/// </summary>
internal sealed class PersistentState<TState>(IObjectStore store, string key, TimeProvider timeProvider)
    : IPersistentState<TState>, IStateHandle where TState : class, new()
{
    private string? _etag;

    public TState State { get; set; } = new();

    public bool RecordExists => _etag is not null;

    public DateTimeOffset LoadedAt { get; private set; } = DateTimeOffset.MinValue;

    public async Task ReadStateAsync(CancellationToken cancellationToken)
    {
        var stored = await store.ReadAsync(key, cancellationToken);
        State = stored is null ? new TState() : StateSerializer.Deserialize<TState>(stored.Data);
        _etag = stored?.ETag;
        LoadedAt = timeProvider.GetUtcNow();
    }

    public async Task WriteStateAsync()
    {
        var data = StateSerializer.Serialize(State);
        try
        {
            _etag = _etag is null
                ? await store.CreateAsync(key, data)
                : await store.ReplaceAsync(key, data, _etag);
            LoadedAt = timeProvider.GetUtcNow();
        }
        catch (StoreConflictException ex)
        {
            throw new InconsistentStateException($"State '{key}' was changed by another activation.", ex);
        }
    }
}
