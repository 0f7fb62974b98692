using System.Text.Json;
using Orleans.Storage;

namespace Orleans.Bcp.Grains.Storage;

/// <summary>
/// Grain state writes that tell a lost answer from a conflict. A write the store refuses as a conflict
/// (<see cref="InconsistentStateException"/>) may be the grain's own: the store client timed out waiting for the
/// answer, retried with the old ETag, and the store refused the retry because the first try had landed (seen on Azurite
/// in a storm of switches, docs/benchmarks.md "Cluster storm with lighter nodes").
/// </summary>
public static class StateWrites
{
    /// <summary>
    /// Writes the state. On a conflict it reads what the store holds: when that is exactly what was written, the write
    /// counts as done (with the stored ETag); otherwise the conflict stands, and the state is now the stored one.
    /// </summary>
    public static async Task WriteAsync<T>(IPersistentState<T> state)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (InconsistentStateException)
        {
            var written = JsonSerializer.SerializeToUtf8Bytes(state.State);
            await state.ReadStateAsync();
            if (!written.AsSpan().SequenceEqual(JsonSerializer.SerializeToUtf8Bytes(state.State)))
            {
                throw;
            }
        }
    }
}
