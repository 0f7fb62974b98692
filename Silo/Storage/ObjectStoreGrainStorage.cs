using Orleans.Storage;

namespace Orleans.Bcp.Silo.Storage;

/// <summary>
/// Orleans grain storage on an <see cref="IObjectStore"/> (the embedded profile's SQLite file). State
/// lives under <c>grains/{stateName}/{escaped key}</c>, the layout of earlier releases, so a data
/// folder they wrote is read as it is. Writes are conditional on the ETag Orleans tracks.
/// </summary>
public sealed class ObjectStoreGrainStorage(IObjectStore store, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var stored = await store.ReadAsync(Key(stateName, grainId));
        if (stored is null)
        {
            grainState.State = Activator.CreateInstance<T>();
            grainState.ETag = null;
            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(new BinaryData(stored.Data));
        grainState.ETag = stored.ETag;
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        var data = serializer.Serialize(grainState.State).ToMemory();
        try
        {
            grainState.ETag = grainState.ETag is null
                ? await store.CreateAsync(key, data)
                : await store.ReplaceAsync(key, data, grainState.ETag);
            grainState.RecordExists = true;
        }
        catch (StoreConflictException ex)
        {
            // Another activation wrote first: Orleans deactivates this one, the next call reads fresh state.
            throw new InconsistentStateException($"State '{key}' was changed by another activation.", ex);
        }
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var key = Key(stateName, grainId);
        if (grainState.ETag is { } etag)
        {
            try
            {
                await store.DeleteAsync(key, etag);
            }
            catch (StoreConflictException ex)
            {
                throw new InconsistentStateException($"State '{key}' was changed by another activation.", ex);
            }
        }

        grainState.State = Activator.CreateInstance<T>();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private static string Key(string stateName, GrainId grainId) => $"grains/{stateName}/{Uri.EscapeDataString(grainId.Key.ToString()!)}";
}
